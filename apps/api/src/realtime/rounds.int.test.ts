import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@piiri/db/testing";
import type { Database } from "@piiri/db/client";
import { timeLeft } from "@piiri/domain/agenda-timer";
import { currentSpeaker } from "@piiri/domain/agenda-views";
import type { AgendaResponse, AgendaStateEvent } from "@piiri/protocol/rounds";
import type { Ack } from "@piiri/protocol/realtime";
import { request } from "../testing/realtime.ts";
import {
  connected,
  startTestPiiri,
  testClock,
  TestPerson,
  type TestSocket,
} from "../testing/harness.ts";
import { setLobby, acceptAsNewcomer, invite, supervisorWithGroup } from "../testing/scenario.ts";
import { agendaOf, syncClock, type AgendaView } from "../testing/rounds.ts";
import type { RunningPiiri } from "../server.ts";
import { LEAVE_GRACE_MS } from "./rounds.ts";

let piiri: RunningPiiri;
beforeAll(async () => {
  piiri = await startTestPiiri();
});
afterAll(async () => {
  await piiri.close();
});

const MINUTE = 60_000;

async function group(instance: RunningPiiri, names: string[]) {
  const { supervisor, group, sessionId } = await supervisorWithGroup(instance, "Ulla Ohjaaja");
  // The lobby has its own tests (live.int.test.ts); here everyone walks straight in.
  await setLobby(supervisor, group.id, false);
  const { token } = await invite(supervisor, group.id, { maxUses: names.length });
  const members: TestPerson[] = [];
  for (const name of names) members.push(await acceptAsNewcomer(instance, token, name));
  return { supervisor, members, group, sessionId };
}

interface Client {
  socket: TestSocket;
  view: AgendaView;
  local: () => number;
}

async function join(person: TestPerson, sessionId: string, skewMs = 0): Promise<Client> {
  const local = () => Date.now() + skewMs;
  const socket = person.socket();
  const view = agendaOf(socket, sessionId, local);
  await connected(socket);
  expect(await request(socket, { type: "session.join", sessionId })).toEqual({ ok: true });
  await view.until(() => true);
  return { socket, view, local };
}

async function ok(socket: TestSocket, message: object): Promise<Ack> {
  const ack = await request(socket, message);
  if (!ack.ok) throw new Error(`${JSON.stringify(message)} refused: ${ack.code} ${ack.message}`);
  return ack;
}

/** Supervisor applies the group-supervision template, starts its check-in and a round in it. */
async function startCheckIn(
  sup: Client,
  sessionId: string,
  round: object = {},
): Promise<AgendaStateEvent> {
  await ok(sup.socket, { type: "agenda.applyTemplate", sessionId, template: "groupSupervision" });
  const planned = await sup.view.until((e) => e.state.phases.length > 0);
  const checkIn = planned.state.phases[0];
  if (!checkIn) throw new Error("no phases");
  await ok(sup.socket, { type: "agenda.startPhase", sessionId, phaseId: checkIn.id });
  await ok(sup.socket, { type: "round.start", sessionId, turnSeconds: 10, ...round });
  return sup.view.until((e) => e.state.round?.status === "running");
}

const speakerOf = (event: AgendaStateEvent | null) =>
  event ? (currentSpeaker(event.state)?.displayName ?? null) : null;

describe("timed rounds over real sockets", () => {
  it("clients with clocks 10 min slow and 3 min fast agree on the speaker and the remaining time", async () => {
    const { supervisor, members, sessionId } = await group(piiri, ["Aino", "Eero", "Kaisa"]);
    const skews = [0, -10 * MINUTE, 3 * MINUTE, 47_123];
    const clients = await Promise.all(
      [supervisor, ...members].map((person, i) => join(person, sessionId, skews[i])),
    );
    // Each client estimates its offset over real clock.sync round trips, as the web app does.
    const offsets = await Promise.all(clients.map((c) => syncClock(c.socket, c.local, 10)));
    offsets.forEach((estimate, i) => {
      expect(Math.abs(estimate.offsetMs + (skews[i] ?? 0))).toBeLessThan(250);
    });

    const sup = clients[0]!;
    const first = await startCheckIn(sup, sessionId);
    const views = await Promise.all(
      clients.map((c) =>
        c.view.until((e) => e.version >= first.version && e.state.round?.status === "running"),
      ),
    );
    // Everyone sees the same round: the participants present, in the participant list's order.
    for (const view of views) {
      expect(view.state.round?.speakers.map((s) => s.displayName)).toEqual([
        "Aino",
        "Eero",
        "Kaisa",
      ]);
      expect(speakerOf(view)).toBe("Aino");
      expect(view.spotlight.speakerId).toBe(view.state.round?.speakers[0]?.membershipId);
    }

    // At one instant, each client's remaining time from its own clock + estimated offset.
    const truth = first.state.round!.turn!;
    const realNow = Date.now();
    const remaining = clients.map(
      (c, i) =>
        timeLeft(views[i]!.state.round!.turn!, c.local() + offsets[i]!.offsetMs).remainingMs,
    );
    const trueRemaining = timeLeft(truth, realNow).remainingMs;
    for (const value of remaining) expect(Math.abs(value - trueRemaining)).toBeLessThanOrEqual(250);
    // The instant each client's display switches speaker, in real time, agrees within 50 ms.
    const switchAt = clients.map((c, i) => {
      const turn = views[i]!.state.round!.turn!;
      if (!turn.running) throw new Error("turn not running");
      return turn.deadline - offsets[i]!.offsetMs - (skews[i] ?? 0);
    });
    expect(Math.max(...switchAt) - Math.min(...switchAt)).toBeLessThan(50);

    // The turn advances by itself at the deadline, for everyone, to the same next speaker.
    const advanced = await Promise.all(
      clients.map((c) => c.view.until((e) => e.state.round?.turnNumber === 2, 20_000)),
    );
    for (const event of advanced) {
      expect(speakerOf(event)).toBe("Eero");
      // The next turn starts at the previous deadline, a server timestamp.
      expect(event.state.round?.turn).toMatchObject({
        running: true,
        deadline: (truth.running ? truth.deadline : 0) + 10_000,
      });
    }
    // Every client saw the same sequence of speakers.
    const sequences = clients.map((c) =>
      c.view.received.map((r) => `${r.event.version}:${speakerOf(r.event)}`),
    );
    for (const sequence of sequences.slice(1))
      expect(sequence.slice(-2)).toEqual(sequences[0]!.slice(-2));
    await ok(sup.socket, { type: "agenda.end", sessionId });
    [supervisor, ...members].forEach((p) => p.closeSockets());
  }, 40_000);

  it("lets only the supervisor and co-supervisor control, the speaker pass, and refuses bad messages", async () => {
    const { supervisor, members, group: g, sessionId } = await group(piiri, ["Aino", "Eero"]);
    const { token } = await invite(supervisor, g.id, { role: "cosupervisor" });
    const cosup = await acceptAsNewcomer(piiri, token, "Kalle Kouluttaja");
    const sup = await join(supervisor, sessionId);
    const aino = await join(members[0]!, sessionId);
    const eero = await join(members[1]!, sessionId);
    const co = await join(cosup, sessionId);
    const started = await startCheckIn(sup, sessionId, { autoAdvance: false });
    expect(started.state.round?.speakers.map((s) => s.displayName)).toEqual(["Aino", "Eero"]);

    for (const message of [
      { type: "agenda.startPhase", sessionId, phaseId: started.state.phases[1]!.id },
      { type: "agenda.set", sessionId, phases: [] },
      { type: "agenda.pause", sessionId },
      { type: "round.skip", sessionId },
      { type: "round.extend", sessionId },
      { type: "round.end", sessionId },
    ]) {
      expect(await request(aino.socket, message)).toMatchObject({
        ok: false,
        code: "NOT_SUPERVISOR",
      });
    }
    // Eero is not speaking; Aino is.
    expect(await request(eero.socket, { type: "round.pass", sessionId })).toMatchObject({
      ok: false,
      code: "NOT_CURRENT_SPEAKER",
    });
    const versionBefore = sup.view.latest()!.version;
    // Invalid messages: out-of-range durations, oversized titles, unknown ids, wrong shapes.
    for (const message of [
      { type: "round.start", sessionId, turnSeconds: 5 },
      { type: "round.extend", sessionId, seconds: 10_000 },
      {
        type: "agenda.set",
        sessionId,
        phases: [
          {
            key: null,
            title: "x".repeat(500),
            kind: "open",
            plannedSeconds: 600,
            presenterId: null,
          },
        ],
      },
      {
        type: "agenda.set",
        sessionId,
        phases: [{ key: null, title: null, kind: "open", plannedSeconds: 600, presenterId: null }],
      },
      { type: "agenda.startPhase", sessionId, phaseId: "not-a-uuid" },
      { type: "agenda.applyTemplate", sessionId, template: "therapy" },
      { type: "round.start", sessionId: "nope", turnSeconds: 60 },
    ]) {
      expect(await request(sup.socket, message)).toMatchObject({
        ok: false,
        code: "INVALID_MESSAGE",
      });
    }
    expect(
      await request(sup.socket, {
        type: "agenda.startPhase",
        sessionId,
        phaseId: crypto.randomUUID(),
      }),
    ).toMatchObject({ ok: false, code: "PHASE_NOT_FOUND" });
    expect(
      await request(sup.socket, { type: "round.start", sessionId, turnSeconds: 60 }),
    ).toMatchObject({
      ok: false,
      code: "ROUND_ALREADY_RUNNING",
    });
    expect(
      await request(sup.socket, {
        type: "agenda.set",
        sessionId,
        phases: [
          {
            key: null,
            title: "Oma",
            kind: "listen",
            plannedSeconds: 600,
            presenterId: crypto.randomUUID(),
          },
        ],
      }),
    ).toMatchObject({ ok: false, code: "VALIDATION_FAILED" });
    expect(sup.view.latest()!.version).toBe(versionBefore);

    // The speaker passes; the co-supervisor skips; nobody else gets to.
    await ok(aino.socket, { type: "round.pass", sessionId });
    await eero.view.until((e) => speakerOf(e) === "Eero");
    await ok(co.socket, { type: "round.extend", sessionId });
    await ok(co.socket, { type: "round.skip", sessionId });
    const ended = await aino.view.until((e) => e.state.round?.status === "ended");
    expect(ended.state.round?.speakers.map((s) => s.outcome)).toEqual(["passed", "skipped"]);

    // A socket that has not joined the session gets nothing and may do nothing.
    const stranger = members[0]!.socket();
    await connected(stranger);
    expect(await request(stranger, { type: "round.pass", sessionId })).toMatchObject({
      ok: false,
      code: "NOT_A_MEMBER",
    });
    const outsider = await supervisorWithGroup(piiri, "Other");
    const outsiderSocket = outsider.supervisor.socket();
    await connected(outsiderSocket);
    expect(await request(outsiderSocket, { type: "agenda.pause", sessionId })).toMatchObject({
      ok: false,
      code: "NOT_A_MEMBER",
    });
    [supervisor, ...members, cosup, outsider.supervisor].forEach((p) => p.closeSockets());
  }, 30_000);

  it("gives late joiners and reconnecting clients the full state; skips a speaker who leaves", async () => {
    const { supervisor, members, sessionId } = await group(piiri, ["Aino", "Eero", "Kaisa"]);
    const sup = await join(supervisor, sessionId);
    const aino = await join(members[0]!, sessionId);
    await join(members[1]!, sessionId);
    await startCheckIn(sup, sessionId, { autoAdvance: false });

    // Kaisa joins late: her very first snapshot is the whole current state, with her added last.
    const kaisa = await join(members[2]!, sessionId);
    const first = kaisa.view.received[0]!.event;
    expect(first.state.round?.status).toBe("running");
    expect(speakerOf(first)).toBe("Aino");
    const withKaisa = await sup.view.until((e) => e.state.round?.speakers.length === 3);
    expect(withKaisa.state.round?.speakers.map((s) => s.displayName)).toEqual([
      "Aino",
      "Eero",
      "Kaisa",
    ]);
    await kaisa.view.until((e) => e.version === withKaisa.version);
    expect(kaisa.view.latest()!.state).toEqual(withKaisa.state);

    // Aino reloads: a new socket, the same state; her turn survives a quick reconnect.
    aino.socket.disconnect();
    const again = await join(members[0]!, sessionId);
    expect(speakerOf(again.view.received[0]!.event)).toBe("Aino");
    await new Promise((resolve) => setTimeout(resolve, LEAVE_GRACE_MS + 300));
    expect(speakerOf(sup.view.latest())).toBe("Aino");

    // Aino leaves for good while speaking: her turn is skipped, Eero speaks.
    members[0]!.closeSockets();
    const skipped = await sup.view.until((e) => speakerOf(e) === "Eero", LEAVE_GRACE_MS + 5000);
    expect(skipped.state.round?.speakers[0]).toMatchObject({ present: false, outcome: "skipped" });
    [supervisor, ...members].forEach((p) => p.closeSockets());
  }, 30_000);

  it("plans the agenda over HTTP before the session; only facilitators may change it", async () => {
    const { supervisor, members, sessionId } = await group(piiri, ["Aino"]);
    const aino = await join(members[0]!, sessionId);
    const put = await supervisor.fetch(`${piiri.url}/api/sessions/${sessionId}/agenda`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ template: "workplaceMediation" }),
    });
    expect(put.status).toBe(200);
    const body = (await put.json()) as AgendaResponse;
    expect(body.state.phases.map((p) => p.key)).toContain("workplaceMediation.problemDefinition");
    // The session's sockets get the change at once.
    await aino.view.until((e) => e.version === body.version);

    const edit = await members[0]!.fetch(`${piiri.url}/api/sessions/${sessionId}/agenda`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ phases: [] }),
    });
    expect(edit.status).toBe(403);
    expect(await edit.json()).toMatchObject({ error: { code: "NOT_SUPERVISOR" } });
    const bad = await supervisor.fetch(`${piiri.url}/api/sessions/${sessionId}/agenda`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ phases: [{ title: "x", kind: "nope", plannedSeconds: 1 }] }),
    });
    expect(bad.status).toBe(400);
    const read = await members[0]!.fetch(`${piiri.url}/api/sessions/${sessionId}/agenda`);
    expect(((await read.json()) as AgendaResponse).version).toBe(body.version);
    [supervisor, ...members].forEach((p) => p.closeSockets());
  });
});

describe("timed rounds across a restart", () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  /** The same database for each instance; closing an instance must not close it. */
  const kept = () =>
    new Proxy(database, {
      get(target, property) {
        if (property === "close") return () => Promise.resolve();
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === "function"
          ? (value as (...args: unknown[]) => unknown).bind(target)
          : value;
      },
    });

  it("keeps a paused round paused and a running one on its deadline, then auto-advances", async () => {
    const clock = testClock();
    let instance = await startTestPiiri(clock, { database: kept() });
    const { supervisor, members, sessionId } = await group(instance, ["Aino", "Eero"]);
    let sup = await join(supervisor, sessionId);
    await join(members[0]!, sessionId);
    await join(members[1]!, sessionId);
    const running = await startCheckIn(sup, sessionId, { turnSeconds: 60 });
    const deadline = running.state.round?.turn?.running ? running.state.round.turn.deadline : 0;
    await ok(sup.socket, { type: "round.extend", sessionId, seconds: 30 });
    await sup.view.until((e) => e.version > running.version);

    // Restart: the server goes away with everyone's sockets and comes back on the same data.
    const reconnect = async (next: RunningPiiri) => {
      const people = [supervisor, ...members].map((p) => {
        const person = new TestPerson(next.url);
        person.adoptCookies(p);
        return person;
      });
      const clients = [];
      for (const person of people) clients.push(await join(person, sessionId));
      return { people, clients };
    };
    [supervisor, ...members].forEach((p) => p.closeSockets());
    await instance.close();
    instance = await startTestPiiri(clock, { database: kept() });
    let session = await reconnect(instance);
    sup = session.clients[0]!;
    let snapshot = sup.view.latest()!;
    expect(speakerOf(snapshot)).toBe("Aino");
    expect(snapshot.state.round?.turn).toEqual({
      running: true,
      deadline: deadline + 30_000,
      durationMs: 90_000,
    });

    // Paused, restarted, a long time later: still paused with the same time left.
    await ok(sup.socket, { type: "agenda.pause", sessionId });
    const paused = await sup.view.until((e) => e.state.paused);
    session.people.forEach((p) => p.closeSockets());
    await instance.close();
    clock.advance(10 * MINUTE);
    instance = await startTestPiiri(clock, { database: kept() });
    session = await reconnect(instance);
    sup = session.clients[0]!;
    snapshot = sup.view.latest()!;
    expect(snapshot.state.paused).toBe(true);
    expect(snapshot.state.round?.turn).toEqual(paused.state.round?.turn);
    expect(speakerOf(snapshot)).toBe("Aino");

    // Resumed and restarted again; the deadline passes while the server is down: on its way
    // back up it applies what happened (Aino's turn ended at its deadline, Eero's began then).
    await ok(sup.socket, { type: "agenda.resume", sessionId });
    const resumed = await sup.view.until((e) => !e.state.paused);
    const resumedTurn = resumed.state.round!.turn!;
    if (!resumedTurn.running) throw new Error("not running");
    session.people.forEach((p) => p.closeSockets());
    await instance.close();
    clock.advance(2 * MINUTE);
    instance = await startTestPiiri(clock, { database: kept() });
    session = await reconnect(instance);
    snapshot = await session.clients[0]!.view.until((e) => speakerOf(e) === "Eero");
    expect(snapshot.state.round?.turn).toMatchObject({
      running: true,
      deadline: resumedTurn.deadline + 60_000,
    });
    session.people.forEach((p) => p.closeSockets());
    await instance.close();
  }, 60_000);
});
