// A supervisor's mute and camera-stop outlive the connection they were given on: stored per
// session and member when the supervisor mutes (over real socket.io, with the real
// livekit-server-sdk calling a local RoomService endpoint), handed to every later LiveKit token
// answer (a reconnect, a reload, another device), and lifted only by the member themselves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LiveMediaSource } from "@piiri/protocol/live";
import {
  connected,
  startTestPiiri,
  testClock,
  TestPerson,
  type TestSocket,
} from "./testing/harness.ts";
import { eventLog, request } from "./testing/realtime.ts";
import { daysFromNow } from "./testing/dates.ts";
import { acceptAsNewcomer, invite, supervisorWithGroup } from "./testing/scenario.ts";
import { startLiveKitEndpoint, type LiveKitEndpoint } from "./testing/livekit-endpoint.ts";
import type { RunningPiiri } from "./server.ts";

let piiri: RunningPiiri;
let livekit: LiveKitEndpoint;

beforeAll(async () => {
  livekit = await startLiveKitEndpoint();
  piiri = await startTestPiiri(testClock(), { env: { LIVEKIT_API_URL: livekit.url } });
});
afterAll(async () => {
  await piiri.close();
  await livekit.close();
});

async function joinAnswer(person: TestPerson, sessionId: string) {
  const response = await person.api.sessions[":sessionId"]["livekit-token"].$post({
    param: { sessionId },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function heldFor(person: TestPerson, sessionId: string) {
  const answer = await joinAnswer(person, sessionId);
  expect(answer.status).toBe(200);
  return answer.body.held;
}

async function turnOn(person: TestPerson, sessionId: string, source: string) {
  const response = await person.fetch(
    `${person.base}/api/sessions/${sessionId}/media-holds/${source}`,
    { method: "DELETE" },
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function open(person: TestPerson, sessionId: string) {
  const socket = person.socket();
  const log = eventLog(socket);
  await connected(socket);
  expect(await request(socket, { type: "session.join", sessionId })).toEqual({ ok: true });
  return { socket, log };
}

/** A supervisor and two participants, all in the session; Aino publishes a microphone and a camera. */
async function room() {
  const { supervisor, group, sessionId } = await supervisorWithGroup(piiri, "Ulla Ohjaaja");
  const { token } = await invite(supervisor, group.id, { maxUses: 2 });
  const aino = await acceptAsNewcomer(piiri, token, "Aino");
  const eero = await acceptAsNewcomer(piiri, token, "Eero");
  const detail = await (
    await supervisor.api.groups[":groupId"].$get({ param: { groupId: group.id } })
  ).json();
  const id = (name: string) =>
    detail.group.members.find((member) => member.displayName === name)?.membershipId ?? "";
  const sup = await open(supervisor, sessionId);
  const ainoConn = await open(aino, sessionId);
  const eeroConn = await open(eero, sessionId);
  await request(sup.socket, { type: "live.admitAll", sessionId });
  await ainoConn.log.until("live.admission", (event) => event.status === "admitted");
  await eeroConn.log.until("live.admission", (event) => event.status === "admitted");
  livekit.participants.set(
    sessionId,
    new Map([
      [
        id("Aino"),
        [
          { sid: "TR_mic", source: "MICROPHONE", muted: false },
          { sid: "TR_cam", source: "CAMERA", muted: false },
        ],
      ],
    ]),
  );
  return { supervisor, aino, eero, group, sessionId, id, sup, ainoConn, eeroConn };
}

function mute(
  socket: TestSocket,
  sessionId: string,
  membershipId: string,
  source: LiveMediaSource,
) {
  return request(socket, { type: "live.mute", sessionId, membershipId, source });
}

describe("a supervisor's mute and camera-stop", () => {
  it("hold for every later connection of the member until they turn it on themselves", async () => {
    const { aino, eero, sessionId, id, sup, ainoConn } = await room();
    expect(await heldFor(aino, sessionId)).toEqual({ microphone: false, camera: false });

    expect(await mute(sup.socket, sessionId, id("Aino"), "microphone")).toEqual({
      ok: true,
      video: "done",
    });
    await ainoConn.log.until("live.muted", (event) => event.source === "microphone");
    expect(livekit.calls.at(-1)).toMatchObject({
      method: "MutePublishedTrack",
      body: { room: sessionId, identity: id("Aino"), trackSid: "TR_mic", muted: true },
    });

    // A reconnect (a fresh token), a reload, or another device of Aino's: the microphone stays off.
    expect(await heldFor(aino, sessionId)).toEqual({ microphone: true, camera: false });
    const otherDevice = new TestPerson(piiri.url);
    otherDevice.adoptCookies(aino);
    expect(await heldFor(otherDevice, sessionId)).toEqual({ microphone: true, camera: false });
    // Only Aino's: Eero is not held.
    expect(await heldFor(eero, sessionId)).toEqual({ microphone: false, camera: false });

    // The camera is stopped while LiveKit cannot be reached (e.g. it is restarting): still held.
    livekit.unreachable = true;
    try {
      expect(await mute(sup.socket, sessionId, id("Aino"), "camera")).toEqual({
        ok: true,
        video: "unreachable",
      });
    } finally {
      livekit.unreachable = false;
    }
    expect(await heldFor(aino, sessionId)).toEqual({ microphone: true, camera: true });

    // Muting again changes nothing.
    await mute(sup.socket, sessionId, id("Aino"), "microphone");
    expect(await heldFor(aino, sessionId)).toEqual({ microphone: true, camera: true });

    // Another member cannot lift Aino's hold: the route acts on the caller's own membership.
    expect(await turnOn(eero, sessionId, "microphone")).toEqual({
      status: 200,
      body: { held: { microphone: false, camera: false } },
    });
    expect(await heldFor(aino, sessionId)).toEqual({ microphone: true, camera: true });

    // Aino turns her microphone on herself (from either device): lifted, the camera stays held.
    expect(await turnOn(otherDevice, sessionId, "microphone")).toEqual({
      status: 200,
      body: { held: { microphone: false, camera: true } },
    });
    expect(await heldFor(aino, sessionId)).toEqual({ microphone: false, camera: true });
    expect(await turnOn(aino, sessionId, "camera")).toEqual({
      status: 200,
      body: { held: { microphone: false, camera: false } },
    });
    expect(await heldFor(aino, sessionId)).toEqual({ microphone: false, camera: false });
  });

  it("are set only by those who may mute, and only in that session", async () => {
    const { supervisor, aino, group, sessionId, id, sup, ainoConn, eeroConn } = await room();
    expect(await mute(ainoConn.socket, sessionId, id("Eero"), "microphone")).toMatchObject({
      ok: false,
      code: "NOT_SUPERVISOR",
    });
    expect(eeroConn.log.of("live.muted")).toEqual([]);

    await mute(sup.socket, sessionId, id("Aino"), "camera");
    expect(await heldFor(aino, sessionId)).toEqual({ microphone: false, camera: true });

    // The group's next session starts fresh.
    const next = await supervisor.api.groups[":groupId"].sessions.$post({
      param: { groupId: group.id },
      json: {
        startsAt: daysFromNow(21),
        durationMinutes: 90,
      },
    });
    expect(next.status).toBe(201);
    const { session } = (await next.json()) as { session: { id: string } };
    await request(sup.socket, { type: "session.join", sessionId: session.id });
    await request(ainoConn.socket, { type: "session.join", sessionId: session.id });
    await request(sup.socket, { type: "live.admitAll", sessionId: session.id });
    await ainoConn.log.until(
      "live.admission",
      (event) => event.sessionId === session.id && event.status === "admitted",
    );
    expect(await heldFor(aino, session.id)).toEqual({ microphone: false, camera: false });
    expect(await heldFor(aino, sessionId)).toEqual({ microphone: false, camera: true });
  });

  it("cannot be lifted by a removed member, a stranger, or with a source that does not exist", async () => {
    const { aino, eero, sessionId, id, sup } = await room();
    await mute(sup.socket, sessionId, id("Eero"), "microphone");
    expect(
      await request(sup.socket, { type: "live.remove", sessionId, membershipId: id("Eero") }),
    ).toMatchObject({ ok: true });
    expect(await turnOn(eero, sessionId, "microphone")).toMatchObject({
      status: 403,
      body: { error: { code: "REMOVED_FROM_SESSION" } },
    });

    const { supervisor: stranger } = await supervisorWithGroup(piiri, "Vieras Ohjaaja");
    expect(await turnOn(stranger, sessionId, "microphone")).toMatchObject({
      status: 403,
      body: { error: { code: "NOT_A_MEMBER" } },
    });
    // A path that names no source is no resource.
    expect((await turnOn(aino, sessionId, "screen_share")).status).toBe(404);
    const anonymous = new TestPerson(piiri.url);
    expect((await turnOn(anonymous, sessionId, "microphone")).status).toBe(401);
  });
});
