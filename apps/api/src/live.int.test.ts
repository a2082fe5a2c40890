// The live session over real HTTP and real socket.io clients: lobby, tokens after admission,
// hands, reactions, spotlight, supervisor controls (checked against a local RoomService
// endpoint), removal, ending, and the E2EE relay.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TokenVerifier } from "livekit-server-sdk";
import { createTestDatabase } from "@piiri/db/testing";
import type { ClientRequest } from "@piiri/protocol/realtime";
import {
  connected,
  startTestPiiri,
  testClock,
  TestPerson,
  type TestSocket,
} from "./testing/harness.ts";
import { eventLog, presenceOf, request } from "./testing/realtime.ts";
import { acceptAsNewcomer, invite, supervisorWithGroup, uniqueEmail } from "./testing/scenario.ts";
import { startLiveKitEndpoint, type LiveKitEndpoint } from "./testing/livekit-endpoint.ts";
import type { RunningPiiri } from "./server.ts";

let piiri: RunningPiiri;
let livekit: LiveKitEndpoint;
const verifier = new TokenVerifier("devkey", "secret");

beforeAll(async () => {
  livekit = await startLiveKitEndpoint();
  piiri = await startTestPiiri(testClock(), { env: { LIVEKIT_API_URL: livekit.url } });
});
afterAll(async () => {
  await piiri.close();
  await livekit.close();
});

async function groupOfThree() {
  const { supervisor, group, sessionId } = await supervisorWithGroup(piiri, "Ulla Ohjaaja");
  const { token } = await invite(supervisor, group.id, { maxUses: 2 });
  const aino = await acceptAsNewcomer(piiri, token, "Aino");
  const eero = await acceptAsNewcomer(piiri, token, "Eero");
  const members = await supervisor.api.groups[":groupId"].$get({ param: { groupId: group.id } });
  const detail = await members.json();
  const id = (name: string) => {
    const found = detail.group.members.find((member) => member.displayName === name);
    if (!found) throw new Error(`no member ${name}`);
    return found.membershipId;
  };
  return {
    supervisor,
    aino,
    eero,
    group,
    sessionId,
    ids: { ulla: id("Ulla Ohjaaja"), aino: id("Aino"), eero: id("Eero") },
  };
}

async function open(
  person: TestPerson,
): Promise<{ socket: TestSocket; log: ReturnType<typeof eventLog> }> {
  const socket = person.socket();
  const log = eventLog(socket);
  await connected(socket);
  return { socket, log };
}

async function joinToken(person: TestPerson, sessionId: string) {
  const response = await person.api.sessions[":sessionId"]["livekit-token"].$post({
    param: { sessionId },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Everything sent to this socket before this resolves has arrived (one connection is ordered). */
async function flush(socket: TestSocket): Promise<void> {
  await request(socket, { type: "nothing" });
}

/** A group of three where everyone is in the session (lobby passed). */
async function everyoneIn() {
  const g = await groupOfThree();
  const sup = await open(g.supervisor);
  await request(sup.socket, { type: "session.join", sessionId: g.sessionId });
  const supView = presenceOf(sup.socket, g.sessionId);
  const aino = await open(g.aino);
  const eero = await open(g.eero);
  await request(aino.socket, { type: "session.join", sessionId: g.sessionId });
  await request(eero.socket, { type: "session.join", sessionId: g.sessionId });
  expect(
    await request(sup.socket, { type: "live.admitAll", sessionId: g.sessionId }),
  ).toMatchObject({ ok: true });
  await aino.log.until("live.admission", (event) => event.status === "admitted");
  await eero.log.until("live.admission", (event) => event.status === "admitted");
  await supView.until((names) => names.length === 3);
  return { ...g, sup, ainoConn: aino, eeroConn: eero, supView };
}

describe("lobby", () => {
  it("keeps a participant waiting, seeing nothing of the session, until the supervisor admits them", async () => {
    const { supervisor, aino, sessionId, ids } = await groupOfThree();
    const sup = await open(supervisor);
    expect(await request(sup.socket, { type: "session.join", sessionId })).toEqual({ ok: true });
    await sup.log.until("live.admission", (event) => event.status === "admitted");
    await sup.log.until("live.state", (event) => event.lobbyEnabled && !event.ended);
    await sup.log.until("live.lobby", (event) => event.waiting.length === 0);

    const waiting = await open(aino);
    expect(await request(waiting.socket, { type: "session.join", sessionId })).toEqual({
      ok: true,
    });
    await waiting.log.until("live.admission", (event) => event.status === "waiting");
    const lobby = await sup.log.until("live.lobby", (event) => event.waiting.length === 1);
    expect(lobby.waiting[0]).toMatchObject({
      membershipId: ids.aino,
      displayName: "Aino",
      role: "participant",
    });

    // While waiting: no token, no session requests, and nothing of the session arrives.
    expect(await joinToken(aino, sessionId)).toMatchObject({
      status: 403,
      body: { error: { code: "NOT_ADMITTED" } },
    });
    expect(await request(waiting.socket, { type: "live.hand.raise", sessionId })).toMatchObject({
      ok: false,
      code: "NOT_A_MEMBER",
    });
    expect(await request(sup.socket, { type: "live.hand.raise", sessionId })).toEqual({ ok: true });
    await sup.log.until("live.state", (event) => event.hands.length === 1);
    await flush(waiting.socket);
    expect(waiting.log.events.map((event) => event.type)).toEqual(["live.admission"]);

    expect(
      await request(sup.socket, { type: "live.admit", sessionId, membershipId: ids.aino }),
    ).toEqual({ ok: true });
    await waiting.log.until("live.admission", (event) => event.status === "admitted");
    const state = await waiting.log.until("live.state");
    expect(state.hands.map((hand) => hand.membershipId)).toEqual([ids.ulla]);
    await waiting.log.until("presence.snapshot", (event) => event.participants.length === 2);
    await sup.log.until("live.lobby", (event) => event.waiting.length === 0);
    expect((await joinToken(aino, sessionId)).status).toBe(200);

    // The admission is stored: a new connection walks straight in.
    waiting.socket.disconnect();
    const again = await open(aino);
    await request(again.socket, { type: "session.join", sessionId });
    await again.log.until("live.admission", (event) => event.status === "admitted");
  });

  it("declines (the person may knock again), admits all, and lets the supervisor turn the lobby off", async () => {
    const { supervisor, aino, eero, group, sessionId, ids } = await groupOfThree();
    const sup = await open(supervisor);
    await request(sup.socket, { type: "session.join", sessionId });
    const a = await open(aino);
    const e = await open(eero);
    await request(a.socket, { type: "session.join", sessionId });
    await request(e.socket, { type: "session.join", sessionId });
    await sup.log.until("live.lobby", (event) => event.waiting.length === 2);

    expect(
      await request(sup.socket, { type: "live.decline", sessionId, membershipId: ids.eero }),
    ).toEqual({ ok: true });
    await e.log.until("live.admission", (event) => event.status === "declined");
    await sup.log.until(
      "live.lobby",
      (event) => event.waiting.map((w) => w.membershipId).join() === ids.aino,
    );
    expect(await joinToken(eero, sessionId)).toMatchObject({
      status: 403,
      body: { error: { code: "NOT_ADMITTED" } },
    });

    // Eero knocks again; the supervisor admits everyone waiting.
    await request(e.socket, { type: "session.join", sessionId });
    await e.log.until("live.admission", (event) => event.status === "waiting");
    await sup.log.until("live.lobby", (event) => event.waiting.length === 2);
    expect(await request(sup.socket, { type: "live.admitAll", sessionId })).toEqual({
      ok: true,
      admitted: 2,
    });
    await a.log.until("live.admission", (event) => event.status === "admitted");
    await e.log.until("live.admission", (event) => event.status === "admitted");

    // A participant cannot decide about the lobby.
    expect(
      await request(a.socket, { type: "live.admit", sessionId, membershipId: ids.eero }),
    ).toMatchObject({
      ok: false,
      code: "NOT_SUPERVISOR",
    });
    expect(
      await request(a.socket, { type: "live.lobby.set", sessionId, enabled: false }),
    ).toMatchObject({
      ok: false,
      code: "NOT_SUPERVISOR",
    });

    // Lobby off: stored for the group; the room is told.
    expect(
      await request(sup.socket, { type: "live.lobby.set", sessionId, enabled: false }),
    ).toEqual({ ok: true });
    await a.log.until("live.state", (event) => !event.lobbyEnabled);
    const settings = await aino.api.groups[":groupId"]["live-settings"].$get({
      param: { groupId: group.id },
    });
    expect(await settings.json()).toEqual({ lobbyEnabled: false, opensBeforeMinutes: 15 });
    const put = await aino.api.groups[":groupId"]["live-settings"].$put({
      param: { groupId: group.id },
      json: { lobbyEnabled: true },
    });
    expect(put.status).toBe(403);
  });

  it("with the lobby off, admits everyone on join and those already waiting", async () => {
    const { supervisor, aino, eero, sessionId } = await groupOfThree();
    const sup = await open(supervisor);
    await request(sup.socket, { type: "session.join", sessionId });
    const a = await open(aino);
    await request(a.socket, { type: "session.join", sessionId });
    await a.log.until("live.admission", (event) => event.status === "waiting");
    await request(sup.socket, { type: "live.lobby.set", sessionId, enabled: false });
    await a.log.until("live.admission", (event) => event.status === "admitted");
    const e = await open(eero);
    await request(e.socket, { type: "session.join", sessionId });
    await e.log.until("live.admission", (event) => event.status === "admitted");
    expect(e.log.of("live.admission").map((event) => event.status)).toEqual(["admitted"]);
    expect((await joinToken(eero, sessionId)).status).toBe(200);
  });

  it("stops showing a knock once the person closes their page or leaves", async () => {
    const { supervisor, aino, sessionId } = await groupOfThree();
    const sup = await open(supervisor);
    await request(sup.socket, { type: "session.join", sessionId });
    const a = await open(aino);
    await request(a.socket, { type: "session.join", sessionId });
    await sup.log.until("live.lobby", (event) => event.waiting.length === 1);
    a.socket.disconnect();
    await sup.log.until("live.lobby", (event) => event.waiting.length === 0);
    // Knocking again from a new page shows them again; leaving the lobby hides them.
    const back = await open(aino);
    await request(back.socket, { type: "session.join", sessionId });
    await sup.log.until("live.lobby", (event) => event.waiting.length === 1);
    expect(await request(back.socket, { type: "session.leave", sessionId })).toEqual({ ok: true });
    await sup.log.until("live.lobby", (event) => event.waiting.length === 0);
  });

  it("gives each role its grant once admitted: only the supervisor administers the room", async () => {
    const { supervisor, aino, sessionId, ids } = await everyoneIn();
    const sup = await joinToken(supervisor, sessionId);
    const par = await joinToken(aino, sessionId);
    const supClaims = await verifier.verify(String(sup.body.token));
    const parClaims = await verifier.verify(String(par.body.token));
    expect(supClaims.sub).toBe(ids.ulla);
    expect(parClaims.sub).toBe(ids.aino);
    expect(supClaims.video).toMatchObject({
      room: sessionId,
      roomJoin: true,
      roomAdmin: true,
      canPublishData: false,
    });
    expect(parClaims.video).toMatchObject({
      room: sessionId,
      roomJoin: true,
      canPublishData: false,
    });
    expect(parClaims.video?.roomAdmin ?? false).toBe(false);
  });
});

describe("hands, reactions and spotlight", () => {
  it("queues hands in the order raised, for everyone; the person or the supervisor lowers them", async () => {
    const { aino, sessionId, ids, sup, ainoConn, eeroConn } = await everyoneIn();
    await request(eeroConn.socket, { type: "live.hand.raise", sessionId });
    await request(ainoConn.socket, { type: "live.hand.raise", sessionId });
    await request(eeroConn.socket, { type: "live.hand.raise", sessionId }); // keeps Eero's place
    for (const log of [sup.log, ainoConn.log, eeroConn.log]) {
      const state = await log.until("live.state", (event) => event.hands.length === 2);
      expect(state.hands.map((hand) => hand.membershipId)).toEqual([ids.eero, ids.aino]);
    }
    expect(
      await request(ainoConn.socket, {
        type: "live.hand.lower",
        sessionId,
        membershipId: ids.eero,
      }),
    ).toMatchObject({ ok: false, code: "NOT_SUPERVISOR" });
    await request(eeroConn.socket, { type: "live.hand.lower", sessionId });
    await ainoConn.log.until(
      "live.state",
      (event) => event.hands.map((h) => h.membershipId).join() === ids.aino,
    );
    await request(sup.socket, { type: "live.hand.lower", sessionId, membershipId: ids.aino });
    await eeroConn.log.until("live.state", (event) => event.hands.length === 0);

    // Leaving on purpose lowers one's hand; a dropped connection does not.
    await request(eeroConn.socket, { type: "live.hand.raise", sessionId });
    await sup.log.until("live.state", (event) => event.hands.length === 1);
    await request(eeroConn.socket, { type: "session.leave", sessionId });
    await sup.log.until("live.state", (event) => event.hands.length === 0);

    // A reconnecting member gets the queue back.
    await request(ainoConn.socket, { type: "live.hand.raise", sessionId });
    ainoConn.socket.disconnect();
    await sup.log.until("presence.snapshot", (event) => event.participants.length === 2);
    const back = await open(aino);
    await request(back.socket, { type: "session.join", sessionId });
    const state = await back.log.until("live.state");
    expect(state.hands.map((hand) => hand.membershipId)).toEqual([ids.aino]);
  });

  it("broadcasts reactions from the fixed set, rate-limited per connection", async () => {
    const { sessionId, ids, sup, ainoConn } = await everyoneIn();
    expect(
      await request(ainoConn.socket, { type: "live.reaction", sessionId, emoji: "👏" }),
    ).toEqual({ ok: true });
    await sup.log.until(
      "live.reaction",
      (event) => event.membershipId === ids.aino && event.emoji === "👏",
    );
    expect(
      await request(ainoConn.socket, { type: "live.reaction", sessionId, emoji: "🍺" }),
    ).toMatchObject({
      ok: false,
      code: "INVALID_MESSAGE",
    });
    const acks = [];
    for (let i = 0; i < 6; i += 1)
      acks.push(await request(ainoConn.socket, { type: "live.reaction", sessionId, emoji: "👍" }));
    expect(acks.filter((ack) => ack.ok)).toHaveLength(4);
    expect(acks.at(-1)).toMatchObject({ ok: false, code: "RATE_LIMITED" });
  });

  it("spotlights one member for everyone; only the supervisor may, and only a member of this group", async () => {
    const { sessionId, ids, sup, ainoConn, eeroConn } = await everyoneIn();
    expect(
      await request(sup.socket, { type: "live.spotlight", sessionId, membershipId: ids.aino }),
    ).toEqual({ ok: true });
    for (const log of [sup.log, ainoConn.log, eeroConn.log]) {
      await log.until("live.state", (event) => event.spotlight === ids.aino);
    }
    expect(
      await request(eeroConn.socket, { type: "live.spotlight", sessionId, membershipId: ids.eero }),
    ).toMatchObject({
      ok: false,
      code: "NOT_SUPERVISOR",
    });
    const other = await supervisorWithGroup(piiri, "Muu Ohjaaja");
    expect(
      await request(sup.socket, {
        type: "live.spotlight",
        sessionId,
        membershipId: other.group.myMembershipId,
      }),
    ).toMatchObject({ ok: false, code: "MEMBER_NOT_FOUND" });
    await request(sup.socket, { type: "live.spotlight", sessionId, membershipId: null });
    await eeroConn.log.until("live.state", (event) => event.spotlight === null);
  });
});

describe("supervisor controls", () => {
  it("mutes through LiveKit's RoomService and tells the person's own sockets", async () => {
    const { sessionId, ids, sup, ainoConn, eeroConn } = await everyoneIn();
    livekit.participants.set(
      sessionId,
      new Map([
        [
          ids.aino,
          [
            { sid: "TR_mic", source: "MICROPHONE", muted: false },
            { sid: "TR_cam", source: "CAMERA", muted: false },
          ],
        ],
      ]),
    );
    const before = livekit.calls.length;
    expect(
      await request(sup.socket, {
        type: "live.mute",
        sessionId,
        membershipId: ids.aino,
        source: "microphone",
      }),
    ).toEqual({ ok: true, video: "done" });
    await ainoConn.log.until("live.muted", (event) => event.source === "microphone");
    const calls = livekit.calls.slice(before);
    expect(calls.map((call) => call.method)).toEqual(["GetParticipant", "MutePublishedTrack"]);
    expect(calls[1]?.body).toMatchObject({
      room: sessionId,
      identity: ids.aino,
      trackSid: "TR_mic",
      muted: true,
    });
    for (const call of calls)
      expect(call.grant).toMatchObject({ roomAdmin: true, room: sessionId });
    expect(
      livekit.participants
        .get(sessionId)
        ?.get(ids.aino)
        ?.find((t) => t.sid === "TR_cam")?.muted,
    ).toBe(false);
    expect(livekit.refusals).toEqual([]);

    // Not connected to video: Piiri's side still happens.
    expect(
      await request(sup.socket, {
        type: "live.mute",
        sessionId,
        membershipId: ids.eero,
        source: "camera",
      }),
    ).toEqual({ ok: true, video: "not_in_room" });
    await eeroConn.log.until("live.muted", (event) => event.source === "camera");
    expect(ainoConn.log.of("live.muted")).toHaveLength(1);

    // LiveKit unreachable: said so, Piiri's side still happens.
    livekit.unreachable = true;
    try {
      expect(
        await request(sup.socket, {
          type: "live.mute",
          sessionId,
          membershipId: ids.aino,
          source: "camera",
        }),
      ).toEqual({ ok: true, video: "unreachable" });
    } finally {
      livekit.unreachable = false;
    }
    await ainoConn.log.until("live.muted", (event) => event.source === "camera");
    expect(
      await request(ainoConn.socket, {
        type: "live.mute",
        sessionId,
        membershipId: ids.eero,
        source: "camera",
      }),
    ).toMatchObject({
      ok: false,
      code: "NOT_SUPERVISOR",
    });
  });

  it("removes a participant for good: evicted at once, no token, no rejoin, out of LiveKit", async () => {
    const { eero, sessionId, ids, sup, ainoConn, eeroConn, supView } = await everyoneIn();
    livekit.participants.set(sessionId, new Map([[ids.eero, []]]));
    await request(eeroConn.socket, { type: "live.hand.raise", sessionId });
    await request(sup.socket, { type: "live.spotlight", sessionId, membershipId: ids.eero });
    await ainoConn.log.until(
      "live.state",
      (event) => event.spotlight === ids.eero && event.hands.length === 1,
    );

    expect(
      await request(ainoConn.socket, { type: "live.remove", sessionId, membershipId: ids.eero }),
    ).toMatchObject({
      ok: false,
      code: "NOT_SUPERVISOR",
    });
    expect(
      await request(sup.socket, { type: "live.remove", sessionId, membershipId: ids.ulla }),
    ).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    const before = livekit.calls.length;
    expect(
      await request(sup.socket, { type: "live.remove", sessionId, membershipId: ids.eero }),
    ).toEqual({
      ok: true,
      video: "done",
    });
    await eeroConn.log.until("live.admission", (event) => event.status === "removed");
    await supView.until((names) => !names.includes("Eero:participant"));
    await ainoConn.log.until(
      "live.state",
      (event) => event.spotlight === null && event.hands.length === 0,
    );
    const removal = livekit.calls.slice(before).find((call) => call.method === "RemoveParticipant");
    expect(removal?.body).toMatchObject({ room: sessionId, identity: ids.eero });
    expect(Number(removal?.body.revokeTokenTs)).toBeGreaterThan(0);

    // Eero's open socket can no longer act in the session; joins and tokens are refused.
    expect(await request(eeroConn.socket, { type: "live.hand.raise", sessionId })).toMatchObject({
      ok: false,
      code: "NOT_A_MEMBER",
    });
    expect(await request(eeroConn.socket, { type: "session.join", sessionId })).toMatchObject({
      ok: false,
      code: "REMOVED_FROM_SESSION",
    });
    const fresh = await open(eero);
    expect(await request(fresh.socket, { type: "session.join", sessionId })).toMatchObject({
      ok: false,
      code: "REMOVED_FROM_SESSION",
    });
    expect(await joinToken(eero, sessionId)).toMatchObject({
      status: 403,
      body: { error: { code: "REMOVED_FROM_SESSION" } },
    });
    expect(
      await request(sup.socket, { type: "live.admit", sessionId, membershipId: ids.eero }),
    ).toMatchObject({
      ok: false,
      code: "REMOVED_FROM_SESSION",
    });
  });

  it("ends the session for everyone: told, evicted, room deleted, no joins or tokens after", async () => {
    const { aino, sessionId, sup, ainoConn, eeroConn } = await everyoneIn();
    expect(await request(ainoConn.socket, { type: "live.end", sessionId })).toMatchObject({
      ok: false,
      code: "NOT_SUPERVISOR",
    });
    const before = livekit.calls.length;
    expect(await request(sup.socket, { type: "live.end", sessionId })).toEqual({
      ok: true,
      video: "done",
    });
    for (const log of [sup.log, ainoConn.log, eeroConn.log]) await log.until("live.ended");
    expect(livekit.calls.slice(before).map((call) => call.method)).toEqual(["DeleteRoom"]);
    expect(livekit.calls.at(-1)).toMatchObject({
      body: { room: sessionId },
      grant: { roomCreate: true },
    });
    expect(await request(ainoConn.socket, { type: "live.hand.raise", sessionId })).toMatchObject({
      ok: false,
      code: "NOT_A_MEMBER",
    });
    expect(await request(ainoConn.socket, { type: "session.join", sessionId })).toMatchObject({
      ok: false,
      code: "SESSION_NOT_JOINABLE",
    });
    expect((await joinToken(aino, sessionId)).status).toBe(409);
  });
});

describe("E2EE key relay", () => {
  it("relays public keys of admitted members and wrapped keys only to the addressee", async () => {
    const g = await groupOfThree();
    const sup = await open(g.supervisor);
    await request(sup.socket, { type: "session.join", sessionId: g.sessionId });
    const a = await open(g.aino);
    const e = await open(g.eero);
    await request(a.socket, { type: "session.join", sessionId: g.sessionId });
    await request(e.socket, { type: "session.join", sessionId: g.sessionId });
    await request(sup.socket, {
      type: "live.admit",
      sessionId: g.sessionId,
      membershipId: g.ids.aino,
    });
    await a.log.until("live.admission", (event) => event.status === "admitted");

    const key = "B".padEnd(87, "x");
    expect(
      await request(a.socket, {
        type: "live.e2ee.announce",
        sessionId: g.sessionId,
        publicKey: key,
      }),
    ).toEqual({ ok: true });
    await sup.log.until("live.e2ee.keys", (event) =>
      event.keys.some((entry) => entry.membershipId === g.ids.aino && entry.publicKey === key),
    );
    // The waiting Eero can neither announce nor receive.
    expect(
      await request(e.socket, {
        type: "live.e2ee.announce",
        sessionId: g.sessionId,
        publicKey: key,
      }),
    ).toMatchObject({
      ok: false,
      code: "NOT_A_MEMBER",
    });
    const share = {
      type: "live.e2ee.share",
      sessionId: g.sessionId,
      keyId: 0,
      wrapped: "d3JhcHBlZA==",
      iv: "aXZpdml2aXZpdml2",
    } as const;
    expect(await request(a.socket, { ...share, to: g.ids.eero })).toMatchObject({
      ok: false,
      code: "MEMBER_NOT_FOUND",
    });
    expect(await request(a.socket, { ...share, to: g.ids.ulla })).toEqual({ ok: true });
    const delivered = await sup.log.until("live.e2ee.share");
    expect(delivered).toMatchObject({
      from: g.ids.aino,
      keyId: 0,
      wrapped: "d3JhcHBlZA==",
      iv: "aXZpdml2aXZpdml2",
    });
    await flush(e.socket);
    await flush(a.socket);
    expect(e.log.of("live.e2ee.share")).toHaveLength(0);
    expect(e.log.of("live.e2ee.keys")).toHaveLength(0);
    expect(a.log.of("live.e2ee.share")).toHaveLength(0);
    expect(
      await request(a.socket, {
        type: "live.e2ee.announce",
        sessionId: g.sessionId,
        publicKey: "x".repeat(600),
      }),
    ).toMatchObject({ ok: false, code: "INVALID_MESSAGE" });

    // The relay is rate-limited per connection.
    const acks = [];
    for (let i = 0; i < 45; i += 1)
      acks.push(await request(a.socket, { ...share, to: g.ids.ulla }));
    expect(acks.at(-1)).toMatchObject({ ok: false, code: "RATE_LIMITED" });

    // Aino leaves: her key is withdrawn.
    a.socket.disconnect();
    await sup.log.until("live.e2ee.keys", (event) => event.keys.length === 0);
  });
});

describe("refusals", () => {
  it("refuses every live request from a member of another group and from a stranger", async () => {
    const { sessionId, ids } = await everyoneIn();
    const other = await supervisorWithGroup(piiri, "Toinen Ohjaaja");
    const stranger = new TestPerson(piiri.url);
    await stranger.signUp("Stranger", uniqueEmail("stranger"));
    const requests: ClientRequest[] = [
      { type: "live.admit", sessionId, membershipId: ids.aino },
      { type: "live.admitAll", sessionId },
      { type: "live.decline", sessionId, membershipId: ids.aino },
      { type: "live.lobby.set", sessionId, enabled: false },
      { type: "live.hand.raise", sessionId },
      { type: "live.hand.lower", sessionId },
      { type: "live.reaction", sessionId, emoji: "👍" },
      { type: "live.spotlight", sessionId, membershipId: ids.aino },
      { type: "live.mute", sessionId, membershipId: ids.aino, source: "microphone" },
      { type: "live.remove", sessionId, membershipId: ids.aino },
      { type: "live.end", sessionId },
      { type: "live.e2ee.announce", sessionId, publicKey: "AAAA" },
      { type: "live.e2ee.share", sessionId, to: ids.aino, keyId: 1, wrapped: "AAAA", iv: "AAAA" },
    ];
    for (const person of [other.supervisor, stranger]) {
      const { socket } = await open(person);
      expect(await request(socket, { type: "session.join", sessionId })).toMatchObject({
        ok: false,
        code: "NOT_A_MEMBER",
      });
      for (const message of requests) {
        expect(await request(socket, message), message.type).toMatchObject({
          ok: false,
          code: "NOT_A_MEMBER",
        });
      }
    }
  });

  it("answers malformed live messages with INVALID_MESSAGE", async () => {
    const { sessionId, sup } = await everyoneIn();
    for (const message of [
      { type: "live.admit", sessionId },
      { type: "live.admit", sessionId, membershipId: "not-a-uuid" },
      { type: "live.mute", sessionId, membershipId: sessionId, source: "screen" },
      { type: "live.lobby.set", sessionId, enabled: "no" },
      {
        type: "live.e2ee.share",
        sessionId,
        to: sessionId,
        keyId: 999,
        wrapped: "AAAA",
        iv: "AAAA",
      },
      { type: "live.hand.raise" },
    ]) {
      expect(await request(sup.socket, message), JSON.stringify(message)).toMatchObject({
        ok: false,
        code: "INVALID_MESSAGE",
      });
    }
  });
});

describe("after an API restart", () => {
  it("keeps admissions, removals, hands and the spotlight (all in the database)", async () => {
    const database = await createTestDatabase();
    // The first API process must not close the database the second one reopens.
    const first = await startTestPiiri(testClock(), {
      database: { ...database, close: async () => {} },
    });
    const { supervisor, group, sessionId } = await supervisorWithGroup(first, "Ulla Ohjaaja");
    const { token } = await invite(supervisor, group.id, { maxUses: 2 });
    const aino = await acceptAsNewcomer(first, token, "Aino");
    const eero = await acceptAsNewcomer(first, token, "Eero");
    const detail = await (
      await supervisor.api.groups[":groupId"].$get({ param: { groupId: group.id } })
    ).json();
    const id = (name: string) =>
      detail.group.members.find((m) => m.displayName === name)?.membershipId ?? "";

    const sup = supervisor.socket();
    const supLog = eventLog(sup);
    await connected(sup);
    await request(sup, { type: "session.join", sessionId });
    for (const person of [aino, eero]) {
      const socket = person.socket();
      await connected(socket);
      await request(socket, { type: "session.join", sessionId });
    }
    await supLog.until("live.lobby", (event) => event.waiting.length === 2);
    await request(sup, { type: "live.admit", sessionId, membershipId: id("Aino") });
    await request(sup, { type: "live.remove", sessionId, membershipId: id("Eero") });
    await request(sup, { type: "live.hand.raise", sessionId });
    await request(sup, { type: "live.spotlight", sessionId, membershipId: id("Aino") });
    await supLog.until("live.state", (event) => event.spotlight === id("Aino"));
    for (const person of [supervisor, aino, eero]) person.closeSockets();
    await first.close();

    const second = await startTestPiiri(testClock(), { database });
    try {
      const ainoAgain = new TestPerson(second.url);
      ainoAgain.adoptCookies(aino);
      const eeroAgain = new TestPerson(second.url);
      eeroAgain.adoptCookies(eero);
      const socket = ainoAgain.socket();
      const log = eventLog(socket);
      await connected(socket);
      await request(socket, { type: "session.join", sessionId });
      await log.until("live.admission", (event) => event.status === "admitted");
      const state = await log.until("live.state");
      expect(state).toMatchObject({
        spotlight: id("Aino"),
        hands: [{ membershipId: id("Ulla Ohjaaja") }],
      });
      expect((await joinToken(ainoAgain, sessionId)).status).toBe(200);
      const removed = eeroAgain.socket();
      await connected(removed);
      expect(await request(removed, { type: "session.join", sessionId })).toMatchObject({
        ok: false,
        code: "REMOVED_FROM_SESSION",
      });
      expect((await joinToken(eeroAgain, sessionId)).status).toBe(403);
      ainoAgain.closeSockets();
      eeroAgain.closeSockets();
    } finally {
      await second.close();
    }
  });
});
