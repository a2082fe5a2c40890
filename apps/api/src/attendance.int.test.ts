// Attendance from LiveKit webhooks signed exactly as LiveKit signs them, and the supervisor's
// report and CSV exports.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPiiri, testClock, TestPerson, type TestClock } from "./testing/harness.ts";
import {
  acceptAsNewcomer,
  FIRST_SESSION,
  invite,
  supervisorWithGroup,
  uniqueEmail,
} from "./testing/scenario.ts";
import { localMinute } from "./testing/dates.ts";
import { postWebhook, signWebhook, webhookBody, type WebhookInput } from "./testing/webhooks.ts";
import type { RunningPiiri } from "./server.ts";

let piiri: RunningPiiri;
let clock: TestClock;

beforeAll(async () => {
  clock = testClock();
  piiri = await startTestPiiri(clock);
});
afterAll(async () => {
  await piiri.close();
});

const seconds = () => Math.floor(clock.now().getTime() / 1000);

async function send(input: Omit<WebhookInput, "createdAt"> & { createdAt?: number }) {
  const body = webhookBody({ createdAt: seconds(), ...input });
  const response = await postWebhook(piiri.url, body, await signWebhook(body));
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    raw: body,
  };
}

async function setup() {
  const { supervisor, group, sessionId } = await supervisorWithGroup(piiri, "Ulla Ohjaaja");
  const { token } = await invite(supervisor, group.id, { maxUses: 2 });
  const aino = await acceptAsNewcomer(piiri, token, 'Äijälä; "Aino"');
  const eero = await acceptAsNewcomer(piiri, token, "Eero");
  const detail = await (
    await supervisor.api.groups[":groupId"].$get({ param: { groupId: group.id } })
  ).json();
  const id = (name: string) =>
    detail.group.members.find((m) => m.displayName === name)?.membershipId ?? "";
  return {
    supervisor,
    aino,
    eero,
    group,
    sessionId,
    ids: { ulla: id("Ulla Ohjaaja"), aino: id('Äijälä; "Aino"'), eero: id("Eero") },
  };
}

async function attendance(person: TestPerson, sessionId: string) {
  const response = await person.api.sessions[":sessionId"].attendance.$get({
    param: { sessionId },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("LiveKit webhooks", () => {
  it("records joins and leaves per member from signed webhooks; the supervisor sees intervals and minutes", async () => {
    const { supervisor, sessionId, ids } = await setup();
    expect(
      await send({ event: "participant_joined", room: sessionId, identity: ids.ulla }),
    ).toMatchObject({
      status: 200,
      body: { recorded: true },
    });
    await send({ event: "participant_joined", room: sessionId, identity: ids.aino });
    clock.advance(30 * 60_000);
    await send({ event: "participant_left", room: sessionId, identity: ids.aino });
    clock.advance(5 * 60_000);
    await send({ event: "participant_joined", room: sessionId, identity: ids.aino });
    clock.advance(50 * 60_000);
    // The room closes: everyone still inside leaves then.
    await send({ event: "room_finished", room: sessionId });
    // Other events are accepted and ignored.
    expect(
      await send({ event: "track_published", room: sessionId, identity: ids.aino }),
    ).toMatchObject({
      status: 200,
      body: { recorded: false },
    });

    const { status, body } = await attendance(supervisor, sessionId);
    expect(status).toBe(200);
    const members = body.members as Array<Record<string, unknown>>;
    const aino = members.find((m) => m.membershipId === ids.aino);
    const ulla = members.find((m) => m.membershipId === ids.ulla);
    const eero = members.find((m) => m.membershipId === ids.eero);
    expect(aino).toMatchObject({ totalMinutes: 80, source: "video", videoMinutes: 80 });
    expect(aino?.intervals).toHaveLength(2);
    expect(ulla).toMatchObject({ totalMinutes: 85 });
    expect(eero).toMatchObject({
      totalMinutes: 0,
      source: null,
      intervals: [],
      firstJoinedAt: null,
      lastLeftAt: null,
    });
  });

  it("refuses forged, tampered, unsigned, stale and mistyped webhooks, and writes nothing", async () => {
    const { supervisor, sessionId, ids } = await setup();
    const body = webhookBody({
      event: "participant_joined",
      room: sessionId,
      identity: ids.aino,
      createdAt: seconds(),
    });
    const forged = await postWebhook(
      piiri.url,
      body,
      await signWebhook(body, "devkey", "not-the-secret"),
    );
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    const otherKey = await postWebhook(
      piiri.url,
      body,
      await signWebhook(body, "otherkey", "secret"),
    );
    expect(otherKey.status).toBe(401);
    const tampered = body.replace(ids.aino, ids.eero);
    expect((await postWebhook(piiri.url, tampered, await signWebhook(body))).status).toBe(401);
    expect((await postWebhook(piiri.url, body, null)).status).toBe(401);
    expect((await postWebhook(piiri.url, body, "Bearer nonsense")).status).toBe(401);
    expect((await postWebhook(piiri.url, body, await signWebhook(body), "text/plain")).status).toBe(
      415,
    );
    const stale = webhookBody({
      event: "participant_joined",
      room: sessionId,
      identity: ids.aino,
      createdAt: seconds() - 3600,
    });
    const staleResponse = await postWebhook(piiri.url, stale, await signWebhook(stale));
    expect(staleResponse.status).toBe(400);

    const { body: report } = await attendance(supervisor, sessionId);
    for (const member of report.members as Array<{ intervals: unknown[] }>)
      expect(member.intervals).toEqual([]);
  });

  it("ignores a replayed event (same id) and members or rooms that do not match", async () => {
    const { supervisor, sessionId, ids } = await setup();
    const other = await supervisorWithGroup(piiri, "Toinen Ohjaaja");
    const first = await send({
      event: "participant_joined",
      room: sessionId,
      identity: ids.aino,
      id: "EV_replay_1",
    });
    expect(first.body).toMatchObject({ recorded: true });
    const replay = await postWebhook(piiri.url, first.raw, await signWebhook(first.raw));
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ recorded: false });
    // The same id again, even with another body, is the same event.
    expect(
      (
        await send({
          event: "participant_left",
          room: sessionId,
          identity: ids.aino,
          id: "EV_replay_1",
        })
      ).body,
    ).toMatchObject({ recorded: false });
    // A member of another group in this room, an unknown room, a non-uuid identity.
    for (const input of [
      {
        event: "participant_joined" as const,
        room: sessionId,
        identity: other.group.myMembershipId,
      },
      { event: "participant_joined" as const, room: other.sessionId, identity: ids.aino },
      {
        event: "participant_joined" as const,
        room: "00000000-0000-4000-8000-000000000000",
        identity: ids.aino,
      },
      { event: "participant_joined" as const, room: sessionId, identity: "not-a-member" },
      { event: "room_finished" as const, room: "not-a-session" },
    ]) {
      expect((await send(input)).body, JSON.stringify(input)).toMatchObject({ recorded: false });
    }
    const { body } = await attendance(supervisor, sessionId);
    const aino = (body.members as Array<Record<string, unknown>>).find(
      (m) => m.membershipId === ids.aino,
    );
    const intervals = aino?.intervals as Array<{ joinedAt: string; leftAt: string | null }>;
    expect(intervals).toHaveLength(1);
    expect(intervals[0]?.leftAt).toBeNull();
  });
});

describe("attendance report and CSV", () => {
  it("is the supervisor's alone", async () => {
    const { aino, sessionId, group } = await setup();
    const other = await supervisorWithGroup(piiri, "Toinen Ohjaaja");
    const stranger = new TestPerson(piiri.url);
    await stranger.signUp("Stranger", uniqueEmail("stranger"));
    expect(await attendance(aino, sessionId)).toMatchObject({
      status: 403,
      body: { error: { code: "NOT_SUPERVISOR" } },
    });
    expect(await attendance(other.supervisor, sessionId)).toMatchObject({
      status: 403,
      body: { error: { code: "NOT_A_MEMBER" } },
    });
    expect(await attendance(stranger, sessionId)).toMatchObject({ status: 403 });
    expect((await attendance(new TestPerson(piiri.url), sessionId)).status).toBe(401);
    for (const path of [
      `/api/sessions/${sessionId}/attendance.csv`,
      `/api/groups/${group.id}/attendance.csv`,
    ]) {
      expect((await aino.fetch(`${piiri.url}${path}`)).status).toBe(403);
      expect((await other.supervisor.fetch(`${piiri.url}${path}`)).status).toBe(403);
    }
    expect(
      (
        await other.supervisor.fetch(
          `${piiri.url}/api/sessions/${sessionId}/attendance.csv?lang=sv`,
        )
      ).status,
    ).toBe(400);
  });

  it("exports CSV that Finnish Excel opens: BOM, semicolons, quoted names, local times", async () => {
    const { supervisor, sessionId, group, ids } = await setup();
    const start = seconds();
    await send({
      event: "participant_joined",
      room: sessionId,
      identity: ids.aino,
      createdAt: start,
    });
    clock.advance(90 * 60_000);
    await send({ event: "participant_left", room: sessionId, identity: ids.aino });

    const response = await supervisor.fetch(
      `${piiri.url}/api/sessions/${sessionId}/attendance.csv`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="piiri-lasnaolo-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    const lines = text.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe(
      "Tapaaminen;Nimi;Rooli;Liittyi ensin;Poistui viimeksi;Minuutit;Lähde;Jaksot",
    );
    const ainoLine = lines.find((line) => line.includes("Äijälä"));
    expect(ainoLine?.startsWith(`${localMinute(FIRST_SESSION.startsAt)};`)).toBe(true);
    // The role in the interface's words ("ohjattava"), and where the minutes came from.
    expect(ainoLine).toMatch(
      /^[^;]+;"Äijälä; ""Aino""";ohjattava;\d{4}-\d{2}-\d{2} \d{2}:\d{2};\d{4}-\d{2}-\d{2} \d{2}:\d{2};90;video;\d{2}:\d{2}–\d{2}:\d{2}$/,
    );
    expect(lines.find((line) => line.includes("Ulla Ohjaaja"))).toMatch(/;työnohjaaja;;;0;;$/);
    expect(lines.at(-1)).toBe("");

    const english = await (
      await supervisor.fetch(`${piiri.url}/api/sessions/${sessionId}/attendance.csv?lang=en`)
    ).text();
    expect(english.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe(
      "Session;Name;Role;First joined;Last left;Minutes;Source;Intervals",
    );

    // The group-wide export lists who attended, session by session.
    const all = await supervisor.fetch(`${piiri.url}/api/groups/${group.id}/attendance.csv`);
    expect(all.status).toBe(200);
    const allLines = (await all.text())
      .replace(/^\uFEFF/, "")
      .split("\r\n")
      .filter(Boolean);
    expect(allLines).toHaveLength(2);
    expect(allLines[1]).toContain(";90;");
  });
});
