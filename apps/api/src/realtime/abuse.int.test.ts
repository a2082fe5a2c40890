// One participant's socket flood must not stall other groups: every request passes a per-socket
// and per-user budget before any parsing or database work, a repeated join is free, oversized
// messages are refused by their size, and a socket that keeps flooding is cut off.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ack } from "@piiri/protocol/realtime";
import {
  connected,
  connectError,
  startTestPiiri,
  type TestPerson,
  type TestSocket,
} from "../testing/harness.ts";
import { eventLog, request } from "../testing/realtime.ts";
import { acceptAsNewcomer, invite, setLobby, supervisorWithGroup } from "../testing/scenario.ts";
import type { RunningPiiri } from "../server.ts";

let piiri: RunningPiiri;
beforeAll(async () => {
  piiri = await startTestPiiri();
});
afterAll(async () => {
  await piiri.close();
});

/** A group with its supervisor and one participant, lobby off, and the session to join. */
async function groupWithParticipant(): Promise<{
  supervisor: TestPerson;
  participant: TestPerson;
  sessionId: string;
}> {
  const { supervisor, group, sessionId } = await supervisorWithGroup(piiri);
  await setLobby(supervisor, group.id, false);
  const { token } = await invite(supervisor, group.id);
  const participant = await acceptAsNewcomer(piiri, token, "Tulva");
  return { supervisor, participant, sessionId };
}

async function joinedSocket(person: TestPerson, sessionId: string): Promise<TestSocket> {
  const socket = person.socket();
  await connected(socket);
  const ack = await request(socket, { type: "session.join", sessionId });
  expect(ack).toEqual({ ok: true });
  return socket;
}

/** Sends `count` requests without waiting; collects every ack that arrives, in order. */
function flood(socket: TestSocket, count: number, message: () => unknown): Ack[] {
  const acks: Ack[] = [];
  for (let i = 0; i < count; i++) {
    socket.emit("request", message() as never, (ack: Ack) => acks.push(ack));
  }
  return acks;
}

function disconnection(socket: TestSocket): Promise<string> {
  return new Promise((resolve) => socket.once("disconnect", (reason) => resolve(reason)));
}

const codeOf = (ack: Ack) => (ack.ok ? "ok" : ack.code);

describe("socket request limits", () => {
  it("refuses a flood with RATE_LIMITED, then says why and disconnects", async () => {
    const { participant, sessionId } = await groupWithParticipant();
    const socket = await joinedSocket(participant, sessionId);
    const log = eventLog(socket);
    const closed = disconnection(socket);
    const started = Date.now();
    const acks = flood(socket, 1000, () => ({ type: "clock.sync" }));

    expect(await closed).toBe("io server disconnect");
    const seconds = (Date.now() - started) / 1000;
    expect(log.of("connection.closing")).toEqual([
      { type: "connection.closing", reason: "RATE_LIMITED" },
    ]);
    const codes = acks.map(codeOf);
    expect(codes.filter((code) => code === "RATE_LIMITED").length).toBeGreaterThanOrEqual(100);
    // What went through stayed within the socket's budget: a burst of 200, then 100 a second.
    const passed = codes.filter((code) => code === "ok").length;
    expect(passed).toBeGreaterThanOrEqual(150);
    expect(passed).toBeLessThanOrEqual(200 + 100 * seconds + 1);
    expect(codes.every((code) => code === "ok" || code === "RATE_LIMITED")).toBe(true);
    // Reconnecting at once does not start over: the user's new sockets wait a while.
    expect(await connectError(participant.socket())).toBe("RATE_LIMITED");
  });

  it("keeps answering another session's clock.sync while joins to random sessions flood", async () => {
    const attacker = await groupWithParticipant();
    const other = await groupWithParticipant();
    const flooder = await joinedSocket(attacker.participant, attacker.sessionId);
    const bystander = await joinedSocket(other.supervisor, other.sessionId);
    const closed = disconnection(flooder);

    // Each join to an unknown session would cost a database lookup if it got that far.
    const started = Date.now();
    const acks = flood(flooder, 3000, () => ({ type: "session.join", sessionId: randomUUID() }));
    const sync = await request(bystander, { type: "clock.sync" });
    expect(sync).toMatchObject({ ok: true, serverNow: expect.any(Number) as number });
    expect(await closed).toBe("io server disconnect");
    const seconds = (Date.now() - started) / 1000;

    const looked = acks.filter((ack) => codeOf(ack) !== "RATE_LIMITED");
    // Joins cost ten: the socket's burst of 200 covers 20 lookups, then 10 a second.
    expect(looked.length).toBeLessThanOrEqual(20 + 10 * seconds + 1);
    expect(acks.filter((ack) => codeOf(ack) === "RATE_LIMITED").length).toBeGreaterThanOrEqual(100);
    expect(looked.every((ack) => !ack.ok)).toBe(true);
    // The other session is untouched and still answering.
    expect(bystander.connected).toBe(true);
    expect(await request(bystander, { type: "clock.sync" })).toMatchObject({ ok: true });
  });

  it("holds a user to one budget across all their sockets", async () => {
    // Slow refills, so the count does not depend on how fast this machine is.
    const slow = await startTestPiiri(undefined, {
      gateLimits: {
        perSocket: { burst: 60, perSecond: 1, bytesBurst: 1e7, bytesPerSecond: 1e6 },
        perUser: { burst: 100, perSecond: 1, bytesBurst: 1e7, bytesPerSecond: 1e6 },
        strikes: { max: 1000, windowMs: 10_000 },
      },
    });
    try {
      const { supervisor, group } = await supervisorWithGroup(slow);
      await setLobby(supervisor, group.id, false);
      const sockets = [];
      for (let i = 0; i < 3; i++) {
        const socket = supervisor.socket();
        await connected(socket);
        sockets.push(socket);
      }
      const started = Date.now();
      // Each socket alone could pass 60 at once; three of them, 180 — but the user only 100.
      const acks = sockets.map((socket) => flood(socket, 60, () => ({ type: "clock.sync" })));
      await waitUntil(() => acks.every((list) => list.length === 60));
      const seconds = (Date.now() - started) / 1000;
      const passed = acks.flat().filter((ack) => ack.ok).length;
      expect(passed).toBeGreaterThanOrEqual(100);
      expect(passed).toBeLessThanOrEqual(100 + seconds + 1);
      expect(
        acks
          .flat()
          .filter((ack) => !ack.ok)
          .every((ack) => codeOf(ack) === "RATE_LIMITED"),
      ).toBe(true);
      sockets.forEach((socket) => socket.disconnect());
    } finally {
      await slow.close();
    }
  });
});

describe("joining again", () => {
  it("while the first join is under way shares it: one scene for joins sent together", async () => {
    const { participant, sessionId } = await groupWithParticipant();
    const socket = participant.socket();
    const log = eventLog(socket);
    await connected(socket);
    const acks = await Promise.all(
      Array.from({ length: 8 }, () => request(socket, { type: "session.join", sessionId })),
    );
    expect(acks).toEqual(Array.from({ length: 8 }, () => ({ ok: true })));
    expect(await request(socket, { type: "clock.sync" })).toMatchObject({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(log.of("board.scene")).toHaveLength(1);
  });

  it("is idempotent and cheap: no second board scene, no second presence round", async () => {
    const { participant, supervisor, sessionId } = await groupWithParticipant();
    const watcher = await joinedSocket(supervisor, sessionId);
    const watched = eventLog(watcher);
    const socket = participant.socket();
    const log = eventLog(socket);
    await connected(socket);
    expect(await request(socket, { type: "session.join", sessionId })).toEqual({ ok: true });
    await log.until("board.scene");
    await watched.until("presence.snapshot", (event) => event.participants.length === 2);
    const snapshotsBefore = watched.of("presence.snapshot").length;

    for (let i = 0; i < 5; i++) {
      expect(await request(socket, { type: "session.join", sessionId })).toEqual({ ok: true });
    }
    // Anything a join would send has had time to arrive (the clock.sync ack comes after it).
    expect(await request(socket, { type: "clock.sync" })).toMatchObject({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(log.of("board.scene")).toHaveLength(1);
    expect(log.of("agenda.state").length).toBeLessThanOrEqual(1);
    expect(watched.of("presence.snapshot")).toHaveLength(snapshotsBefore);
  });
});

describe("message size", () => {
  it("refuses an oversized message by its size, before reading it", async () => {
    const { participant, sessionId } = await groupWithParticipant();
    const socket = await joinedSocket(participant, sessionId);
    // Invalid inside: had it been parsed, the answer would be INVALID_MESSAGE.
    const join = await request(socket, {
      type: "session.join",
      sessionId: "not-a-session",
      padding: "x".repeat(40_000),
    });
    expect(join).toMatchObject({ ok: false, code: "PAYLOAD_TOO_LARGE" });
    const batch = await request(socket, {
      type: "board.update",
      sessionId,
      elements: Array.from({ length: 100 }, () => ({ nonsense: "y".repeat(6_000) })),
    });
    expect(batch).toMatchObject({ ok: false, code: "PAYLOAD_TOO_LARGE" });
    // The same invalid messages at an ordinary size are read, and refused for what they say.
    expect(
      await request(socket, { type: "session.join", sessionId: "not-a-session" }),
    ).toMatchObject({ ok: false, code: "INVALID_MESSAGE" });
    // An ordinary board change of the same socket still goes through.
    const ok = await request(socket, {
      type: "board.update",
      sessionId,
      elements: [
        { id: "rect-1", type: "rectangle", version: 1, versionNonce: 1, isDeleted: false },
      ],
    });
    expect(ok).toMatchObject({ ok: true });
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition never became true");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
