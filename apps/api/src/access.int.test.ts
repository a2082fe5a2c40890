// The one access rule over real HTTP and real sockets: who may see a group's content (board,
// snapshots, scale history, previous steps, agenda) and be in its session, now. Waiting in the
// lobby, removed, early for a session that has not opened, late after it closed: nothing; the
// supervisor and co-supervisor: always; an admitted participant of an open session: all of it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClientRequest, ServerEvent } from "@piiri/protocol/realtime";
import { CLOSE_GRACE_MINUTES } from "@piiri/domain/session-access";
import { note } from "./testing/board.ts";
import {
  connected,
  startTestPiiri,
  testClock,
  TestPerson,
  type TestClock,
  type TestSocket,
} from "./testing/harness.ts";
import { eventLog, request } from "./testing/realtime.ts";
import { startLiveKitEndpoint, type LiveKitEndpoint } from "./testing/livekit-endpoint.ts";
import {
  acceptAsNewcomer,
  invite,
  setLobby,
  supervisorWithGroup,
  uniqueEmail,
} from "./testing/scenario.ts";
import type { RunningPiiri } from "./server.ts";

const MINUTE = 60_000;
let piiri: RunningPiiri;
let clock: TestClock;
let livekit: LiveKitEndpoint;

beforeAll(async () => {
  livekit = await startLiveKitEndpoint();
  clock = testClock();
  piiri = await startTestPiiri(clock, { env: { LIVEKIT_API_URL: livekit.url } });
});
afterAll(async () => {
  await piiri.close();
  await livekit.close();
});

/** A supervisor's new group whose only session starts at `startsAt`. */
async function groupStarting(startsAt: Date, durationMinutes = 90) {
  const supervisor = new TestPerson(piiri.url);
  await supervisor.signUp("Ulla Ohjaaja", uniqueEmail("supervisor"));
  const response = await supervisor.api.groups.$post({
    json: {
      name: "Kotihoidon tiimi",
      kind: "group",
      firstSession: { startsAt: startsAt.toISOString(), durationMinutes },
    },
  });
  if (response.status !== 201) throw new Error(await response.text());
  const { group } = await response.json();
  const sessionId = group.sessions[0]?.id;
  if (!sessionId) throw new Error("no session");
  return { supervisor, group, sessionId };
}

/** The supervisor schedules another 90-minute session starting `fromNowMs` from now. */
async function schedule(supervisor: TestPerson, groupId: string, fromNowMs: number) {
  const response = await supervisor.api.groups[":groupId"].sessions.$post({
    param: { groupId },
    json: {
      startsAt: new Date(clock.now().getTime() + fromNowMs).toISOString(),
      durationMinutes: 90,
    },
  });
  if (response.status !== 201) throw new Error(await response.text());
  return (await response.json()).session.id;
}

async function members(supervisor: TestPerson, groupId: string, names: string[]) {
  const { token } = await invite(supervisor, groupId, { maxUses: names.length });
  const people: TestPerson[] = [];
  for (const name of names) people.push(await acceptAsNewcomer(piiri, token, name));
  return people;
}

async function coSupervisor(supervisor: TestPerson, groupId: string) {
  const { token } = await invite(supervisor, groupId, { role: "cosupervisor" });
  return acceptAsNewcomer(piiri, token, "Kaisa");
}

async function membershipId(supervisor: TestPerson, groupId: string, name: string) {
  const detail = await (
    await supervisor.api.groups[":groupId"].$get({ param: { groupId } })
  ).json();
  const found = detail.group.members.find((member) => member.displayName === name);
  if (!found) throw new Error(`no member ${name}`);
  return found.membershipId;
}

async function open(person: TestPerson) {
  const socket = person.socket();
  const log = eventLog(socket);
  await connected(socket);
  return { socket, log };
}

async function ok(socket: TestSocket, message: ClientRequest) {
  const ack = await request(socket, message);
  if (!ack.ok) throw new Error(`${message.type} refused: ${ack.code}`);
  return ack;
}

/** A manual snapshot by the supervisor (so the snapshot route has something to return). */
async function snapshot(supervisor: TestPerson, sessionId: string): Promise<string> {
  const response = await supervisor.fetch(
    `${piiri.url}/api/sessions/${sessionId}/board/snapshots`,
    { method: "POST" },
  );
  expect(response.status).toBe(201);
  return ((await response.json()) as { snapshot: { id: string } }).snapshot.id;
}

/** Every HTTP route that returns a group's content. */
function contentRoutes(groupId: string, sessionId: string, snapshotId: string): string[] {
  return [
    `/api/groups/${groupId}/board`,
    `/api/groups/${groupId}/board/snapshots`,
    `/api/groups/${groupId}/board/snapshots/${snapshotId}`,
    `/api/groups/${groupId}/board/scale-history`,
    `/api/sessions/${sessionId}/board/previous-steps`,
    `/api/sessions/${sessionId}/agenda`,
  ];
}

/** What each content route and the LiveKit token route answer this person: status and code. */
async function answers(person: TestPerson, routes: string[], sessionId: string) {
  const results: Record<string, string> = {};
  const describe = async (response: Response) => {
    if (response.status === 200) return "200";
    const body = (await response.json()) as { error: { code: string } };
    return `${response.status} ${body.error.code}`;
  };
  for (const route of routes)
    results[route] = await describe(await person.fetch(piiri.url + route));
  results["livekit-token"] = await describe(
    await person.fetch(`${piiri.url}/api/sessions/${sessionId}/livekit-token`, { method: "POST" }),
  );
  return results;
}

function everyRoute(routes: string[], answer: string) {
  return Object.fromEntries([...routes, "livekit-token"].map((route) => [route, answer]));
}

/** Socket requests that read or change the session's content; none may pass for one not in it. */
function contentRequests(sessionId: string): ClientRequest[] {
  return [
    { type: "board.update", sessionId, elements: [note("intruder", { text: "luin tämän" })] },
    { type: "board.pointer", sessionId, x: 1, y: 2 },
    { type: "board.scale.set", sessionId, exerciseId: "x", value: 3 },
    { type: "live.hand.raise", sessionId },
    { type: "live.reaction", sessionId, emoji: "👍" },
    { type: "round.pass", sessionId },
  ];
}

async function refusedEverything(socket: TestSocket, sessionId: string) {
  for (const message of contentRequests(sessionId)) {
    expect(await request(socket, message), message.type).toMatchObject({
      ok: false,
      code: "NOT_A_MEMBER",
    });
  }
}

/** Events that tell a person where they stand at the door; everything else is content. */
const DOOR_EVENTS: ReadonlySet<ServerEvent["type"]> = new Set([
  "live.admission",
  "session.opening",
  "session.closed",
]);
const contentEvents = (events: ServerEvent[]) => events.filter((e) => !DOOR_EVENTS.has(e.type));

// Several people, sockets and database writes per test: generous on a loaded machine.
describe("the group's content and the lobby", { timeout: 90_000 }, () => {
  it("goes to the supervisor and admitted participants, never to one waiting or removed (HTTP and socket)", async () => {
    const { supervisor, group, sessionId } = await supervisorWithGroup(piiri);
    const [aino, eero, pia] = (await members(supervisor, group.id, ["Aino", "Eero", "Pia"])) as [
      TestPerson,
      TestPerson,
      TestPerson,
    ];
    const sup = await open(supervisor);
    await ok(sup.socket, { type: "session.join", sessionId });
    await ok(sup.socket, {
      type: "board.update",
      sessionId,
      elements: [note("secret", { text: "luottamuksellinen" })],
    });
    await ok(sup.socket, { type: "agenda.applyTemplate", sessionId, template: "groupSupervision" });
    const snapshotId = await snapshot(supervisor, sessionId);
    const routes = contentRoutes(group.id, sessionId, snapshotId);

    // Aino waits in the lobby; Eero was let in and then removed; Pia was let in.
    const waiting = await open(aino);
    await ok(waiting.socket, { type: "session.join", sessionId });
    await waiting.log.until("live.admission", (event) => event.status === "waiting");
    const removed = await open(eero);
    await ok(removed.socket, { type: "session.join", sessionId });
    const admitted = await open(pia);
    await ok(admitted.socket, { type: "session.join", sessionId });
    const eeroId = await membershipId(supervisor, group.id, "Eero");
    const piaId = await membershipId(supervisor, group.id, "Pia");
    await ok(sup.socket, { type: "live.admit", sessionId, membershipId: eeroId });
    await ok(sup.socket, { type: "live.admit", sessionId, membershipId: piaId });
    await removed.log.until("board.scene");
    await admitted.log.until("board.scene");
    await ok(sup.socket, { type: "live.remove", sessionId, membershipId: eeroId });
    await removed.log.until("live.admission", (event) => event.status === "removed");
    const seenByRemoved = removed.log.events.length;

    expect(await answers(supervisor, routes, sessionId)).toEqual(everyRoute(routes, "200"));
    expect(await answers(pia, routes, sessionId)).toEqual(everyRoute(routes, "200"));
    expect(await answers(aino, routes, sessionId)).toEqual(everyRoute(routes, "403 NOT_ADMITTED"));
    expect(await answers(eero, routes, sessionId)).toEqual(
      everyRoute(routes, "403 REMOVED_FROM_SESSION"),
    );

    // Over the socket: the board moves on; only those in the session see it, or may change it.
    await ok(sup.socket, {
      type: "board.update",
      sessionId,
      elements: [note("later", { text: "vain paikallaolijoille" })],
    });
    await admitted.log.until("board.elements", (e) => e.elements.some((x) => x.id === "later"));
    await refusedEverything(waiting.socket, sessionId);
    await refusedEverything(removed.socket, sessionId);
    expect(await request(removed.socket, { type: "session.join", sessionId })).toMatchObject({
      ok: false,
      code: "REMOVED_FROM_SESSION",
    });
    await ok(sup.socket, { type: "agenda.startPhase", sessionId, phaseId: await firstPhase(sup) });
    await admitted.log.until("agenda.state", (e) => e.state.current !== null);
    expect(contentEvents(waiting.log.events)).toEqual([]);
    expect(contentEvents(removed.log.events.slice(seenByRemoved))).toEqual([]);
    for (const person of [supervisor, aino, eero, pia]) person.closeSockets();
  });
});

async function firstPhase(sup: Awaited<ReturnType<typeof open>>): Promise<string> {
  const agenda = await sup.log.until("agenda.state", (e) => e.state.phases.length > 0);
  const phase = agenda.state.phases[0];
  if (!phase) throw new Error("no phases");
  return phase.id;
}

describe("when a session opens to participants", { timeout: 90_000 }, () => {
  it("keeps a participant out of a session weeks away; the supervisors see the content; a co-supervisor entering lets the waiting participant in", async () => {
    const startsAt = new Date(clock.now().getTime() + 21 * 24 * 60 * MINUTE);
    const { supervisor, group, sessionId } = await groupStarting(startsAt);
    await setLobby(supervisor, group.id, false);
    const [aino] = (await members(supervisor, group.id, ["Aino"])) as [TestPerson];
    const kaisa = await coSupervisor(supervisor, group.id);
    const snapshotId = await snapshot(supervisor, sessionId);
    const routes = contentRoutes(group.id, sessionId, snapshotId);

    expect(await answers(aino, routes, sessionId)).toEqual(
      everyRoute(routes, "403 SESSION_NOT_OPEN"),
    );
    const early = await open(aino);
    expect(await request(early.socket, { type: "session.join", sessionId })).toEqual({ ok: true });
    const opening = await early.log.until("session.opening");
    expect(new Date(opening.opensAt).getTime()).toBe(startsAt.getTime() - 15 * MINUTE);
    await refusedEverything(early.socket, sessionId);
    expect(contentEvents(early.log.events)).toEqual([]);

    // Supervisors prepare between sessions: the content is theirs at any time.
    const contentRoutesOnly = Object.fromEntries(routes.map((route) => [route, "200"]));
    const { "livekit-token": _supToken, ...supAnswers } = await answers(
      supervisor,
      routes,
      sessionId,
    );
    expect(supAnswers).toEqual(contentRoutesOnly);
    const { "livekit-token": _kaisaToken, ...kaisaAnswers } = await answers(
      kaisa,
      routes,
      sessionId,
    );
    expect(kaisaAnswers).toEqual(contentRoutesOnly);
    expect(await statusOf(supervisor, group.id)).toBe("scheduled");

    // The co-supervisor enters: the session is open, and Aino is let in without asking again.
    const lead = await open(kaisa);
    await ok(lead.socket, { type: "session.join", sessionId });
    await early.log.until("live.admission", (event) => event.status === "admitted");
    await early.log.until("board.scene");
    expect(await statusOf(supervisor, group.id)).toBe("open");
    expect(await answers(aino, routes, sessionId)).toEqual(everyRoute(routes, "200"));
    aino.closeSockets();
    kaisa.closeSockets();
  });

  it("lets a participant in within the group's window before the start, by itself when the window opens; the window is bounded and the supervisor's", async () => {
    const soon = await groupStarting(new Date(clock.now().getTime() + 10 * MINUTE));
    await setLobby(soon.supervisor, soon.group.id, false);
    const [aino, eero] = (await members(soon.supervisor, soon.group.id, ["Aino", "Eero"])) as [
      TestPerson,
      TestPerson,
    ];
    const inTime = await open(aino);
    await ok(inTime.socket, { type: "session.join", sessionId: soon.sessionId });
    await inTime.log.until("board.scene");

    const settings = (json: unknown) =>
      soon.supervisor.fetch(`${piiri.url}/api/groups/${soon.group.id}/live-settings`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(json),
      });
    for (const bad of [{ opensBeforeMinutes: 121 }, { opensBeforeMinutes: -1 }, {}]) {
      expect((await settings(bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await settings({ opensBeforeMinutes: 2.5 })).status).toBe(400);
    const byParticipant = await eero.fetch(
      `${piiri.url}/api/groups/${soon.group.id}/live-settings`,
      {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ opensBeforeMinutes: 60 }),
      },
    );
    expect(byParticipant.status).toBe(403);
    const narrowed = await settings({ opensBeforeMinutes: 5 });
    expect(await narrowed.json()).toEqual({ lobbyEnabled: false, opensBeforeMinutes: 5 });
    const tooEarly = await open(eero);
    await ok(tooEarly.socket, { type: "session.join", sessionId: soon.sessionId });
    await tooEarly.log.until("session.opening");
    expect(await eero.fetch(`${piiri.url}/api/sessions/${soon.sessionId}/agenda`)).toHaveProperty(
      "status",
      403,
    );

    // A session whose window opens in a few seconds (scheduled just before Pia asks to join):
    // her waiting socket goes in by itself then.
    const later = await groupStarting(new Date(clock.now().getTime() + 3 * 24 * 60 * MINUTE));
    await setLobby(later.supervisor, later.group.id, false);
    const [pia] = (await members(later.supervisor, later.group.id, ["Pia"])) as [TestPerson];
    const waiting = await open(pia);
    const soonId = await schedule(later.supervisor, later.group.id, 15 * MINUTE + 6000);
    await ok(waiting.socket, { type: "session.join", sessionId: soonId });
    await waiting.log.until("session.opening");
    expect(waiting.log.of("board.scene")).toEqual([]);
    await waiting.log.until("board.scene", () => true, 20_000);
    for (const person of [aino, eero, pia]) person.closeSockets();
  });

  it("closes after the session's end plus the grace: participants are taken out and kept out, the supervisor stays", async () => {
    const {
      supervisor,
      group,
      sessionId: laterId,
    } = await groupStarting(new Date(clock.now().getTime() + 3 * 24 * 60 * MINUTE));
    await setLobby(supervisor, group.id, false);
    const [aino] = (await members(supervisor, group.id, ["Aino"])) as [TestPerson];
    const snapshotId = await snapshot(supervisor, laterId);
    const sup = await open(supervisor);
    const inside = await open(aino);
    // A session that closes (its end plus the grace) a few seconds from now.
    const closesIn = 6000;
    const sessionId = await schedule(
      supervisor,
      group.id,
      closesIn - (90 + CLOSE_GRACE_MINUTES) * MINUTE,
    );
    const routes = contentRoutes(group.id, sessionId, snapshotId);
    await ok(sup.socket, { type: "session.join", sessionId });
    await ok(inside.socket, { type: "session.join", sessionId });
    await inside.log.until("board.scene");

    await inside.log.until("session.closed", () => true, closesIn + 15_000);
    await refusedEverything(inside.socket, sessionId);
    expect(await request(inside.socket, { type: "session.join", sessionId })).toMatchObject({
      ok: false,
      code: "SESSION_NOT_JOINABLE",
    });
    // Between sessions the group's content is closed to participants; this session is over.
    expect(await answers(aino, routes, sessionId)).toEqual({
      ...everyRoute(routes.slice(0, 4), "403 SESSION_NOT_OPEN"),
      [routes[4] ?? ""]: "409 SESSION_NOT_JOINABLE",
      [routes[5] ?? ""]: "409 SESSION_NOT_JOINABLE",
      "livekit-token": "409 SESSION_NOT_JOINABLE",
    });
    // The supervisor is still in, and may come back.
    await ok(sup.socket, { type: "board.pointer", sessionId, x: 1, y: 1 });
    const again = await open(supervisor);
    await ok(again.socket, { type: "session.join", sessionId });
    aino.closeSockets();
    supervisor.closeSockets();
  });

  it("by the injected clock: a session that ended hours ago is closed to participants", async () => {
    const { supervisor, group, sessionId } = await supervisorWithGroup(piiri);
    await setLobby(supervisor, group.id, false);
    const [aino] = (await members(supervisor, group.id, ["Aino"])) as [TestPerson];
    const before = await open(aino);
    await ok(before.socket, { type: "session.join", sessionId });
    aino.closeSockets();
    clock.advance((15 + 90 + CLOSE_GRACE_MINUTES) * MINUTE);
    try {
      const after = await open(aino);
      expect(await request(after.socket, { type: "session.join", sessionId })).toMatchObject({
        ok: false,
        code: "SESSION_NOT_JOINABLE",
      });
      const board = await aino.fetch(`${piiri.url}/api/groups/${group.id}/board`);
      expect(board.status).toBe(403);
    } finally {
      clock.advance(-(15 + 90 + CLOSE_GRACE_MINUTES) * MINUTE);
      aino.closeSockets();
    }
  });
});

async function statusOf(supervisor: TestPerson, groupId: string) {
  const response = await supervisor.api.groups[":groupId"].$get({ param: { groupId } });
  const { group } = await response.json();
  return group.sessions[0]?.status;
}
