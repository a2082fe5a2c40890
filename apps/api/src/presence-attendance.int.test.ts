// Attendance without video: Piiri's own sockets record who was admitted in a session and for how
// long, with no LiveKit at all (nothing listens at the configured LiveKit URL). Real socket.io
// clients over loopback, a real database, the test clock moved instead of waiting.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@piiri/db/testing";
import type { Database } from "@piiri/db/client";
import type { AttendanceRow } from "@piiri/protocol/live";
import {
  connected,
  startTestPiiri,
  testClock,
  TestPerson,
  type TestClock,
} from "./testing/harness.ts";
import { eventLog, presenceOf, request } from "./testing/realtime.ts";
import { acceptAsNewcomer, invite, supervisorWithGroup } from "./testing/scenario.ts";
import { postWebhook, signWebhook, webhookBody } from "./testing/webhooks.ts";
import type { RunningPiiri } from "./server.ts";

const MINUTE = 60_000;

let piiri: RunningPiiri;
let clock: TestClock;

beforeAll(async () => {
  clock = testClock();
  piiri = await startTestPiiri(clock);
});
afterAll(async () => {
  await piiri.close();
});

async function groupOfThree(node: RunningPiiri = piiri) {
  const { supervisor, group, sessionId } = await supervisorWithGroup(node, "Ulla Ohjaaja");
  const { token } = await invite(supervisor, group.id, { maxUses: 2 });
  const aino = await acceptAsNewcomer(node, token, "Aino");
  const eero = await acceptAsNewcomer(node, token, "Eero");
  const detail = await (
    await supervisor.api.groups[":groupId"].$get({ param: { groupId: group.id } })
  ).json();
  const id = (name: string) =>
    detail.group.members.find((member) => member.displayName === name)?.membershipId ?? "";
  return {
    supervisor,
    aino,
    eero,
    group,
    sessionId,
    ids: { ulla: id("Ulla Ohjaaja"), aino: id("Aino"), eero: id("Eero") },
  };
}

async function open(person: TestPerson) {
  const socket = person.socket();
  const log = eventLog(socket);
  await connected(socket);
  return { socket, log };
}

/** The supervisor comes in; the others knock and the supervisor lets them in (the lobby is on). */
async function everyoneIn(g: Awaited<ReturnType<typeof groupOfThree>>) {
  const sup = await open(g.supervisor);
  const view = presenceOf(sup.socket, g.sessionId);
  await request(sup.socket, { type: "session.join", sessionId: g.sessionId });
  const others: Array<Awaited<ReturnType<typeof open>>> = [];
  for (const person of [g.aino, g.eero]) {
    const conn = await open(person);
    await request(conn.socket, { type: "session.join", sessionId: g.sessionId });
    await conn.log.until("live.admission", (event) => event.status === "waiting");
    others.push(conn);
  }
  expect(
    await request(sup.socket, { type: "live.admitAll", sessionId: g.sessionId }),
  ).toMatchObject({ ok: true, admitted: 2 });
  await view.until((names) => names.length === 3, 3000);
  const [aino, eero] = others;
  if (!aino || !eero) throw new Error("unreachable");
  return { sup, aino, eero, view };
}

async function report(supervisor: TestPerson, sessionId: string): Promise<AttendanceRow[]> {
  const response = await supervisor.api.sessions[":sessionId"].attendance.$get({
    param: { sessionId },
  });
  expect(response.status).toBe(200);
  return (await response.json()).members;
}

/** Polls the report until it satisfies `done` (closing an interval follows a disconnect). */
async function reportUntil(
  supervisor: TestPerson,
  sessionId: string,
  done: (rows: AttendanceRow[]) => boolean,
): Promise<AttendanceRow[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const rows = await report(supervisor, sessionId);
    if (done(rows)) return rows;
    if (Date.now() > deadline) throw new Error(`report never matched: ${JSON.stringify(rows)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const row = (rows: AttendanceRow[], membershipId: string) => {
  const found = rows.find((r) => r.membershipId === membershipId);
  if (!found) throw new Error(`no row for ${membershipId}`);
  return found;
};
const allLeft =
  (...ids: string[]) =>
  (rows: AttendanceRow[]) =>
    ids.every((id) => row(rows, id).lastLeftAt !== null);

async function csvLines(person: TestPerson, path: string): Promise<string[]> {
  const response = await person.fetch(`${piiri.url}${path}`);
  expect(response.status).toBe(200);
  return (await response.text())
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter(Boolean);
}

describe("attendance without video", () => {
  it("three people in the session for 15 minutes, no LiveKit webhook: present, 15 minutes, in the report and both CSVs", async () => {
    const g = await groupOfThree();
    const { sup, aino, eero } = await everyoneIn(g);
    clock.advance(15 * MINUTE);

    const live = await report(g.supervisor, g.sessionId);
    for (const id of Object.values(g.ids)) {
      expect(row(live, id)).toMatchObject({
        totalMinutes: 15,
        source: "presence",
        videoMinutes: 0,
        presenceMinutes: 15,
        lastLeftAt: null,
      });
      expect(row(live, id).intervals).toEqual([
        { joinedAt: row(live, id).firstJoinedAt, leftAt: null },
      ]);
    }

    for (const conn of [sup, aino, eero]) conn.socket.disconnect();
    const after = await reportUntil(g.supervisor, g.sessionId, allLeft(...Object.values(g.ids)));
    for (const id of Object.values(g.ids)) expect(row(after, id).totalMinutes).toBe(15);

    const session = await csvLines(g.supervisor, `/api/sessions/${g.sessionId}/attendance.csv`);
    expect(session[0]).toBe(
      "Tapaaminen;Nimi;Rooli;Liittyi ensin;Poistui viimeksi;Minuutit;Lähde;Jaksot",
    );
    expect(session.find((line) => line.includes(";Aino;"))).toMatch(
      /;Aino;ohjattava;[\d-]+ [\d:]+;[\d-]+ [\d:]+;15;Piiri;\d\d:\d\d–\d\d:\d\d$/,
    );
    expect(session.find((line) => line.includes(";Ulla Ohjaaja;"))).toMatch(
      /;työnohjaaja;.*;15;Piiri;/,
    );
    const group = await csvLines(g.supervisor, `/api/groups/${g.group.id}/attendance.csv?lang=en`);
    expect(group[0]).toBe("Session;Name;Role;First joined;Last left;Minutes;Source;Intervals");
    expect(
      group
        .slice(1)
        .map((line) => line.split(";").slice(1, 3).join(";"))
        .sort(),
    ).toEqual(["Aino;participant", "Eero;participant", "Ulla Ohjaaja;supervisor"]);
    for (const line of group.slice(1)) expect(line).toContain(";15;Piiri;");
  });

  it("does not count a member waiting in the lobby, and counts one let in late from then", async () => {
    const g = await groupOfThree();
    const sup = await open(g.supervisor);
    const view = presenceOf(sup.socket, g.sessionId);
    await request(sup.socket, { type: "session.join", sessionId: g.sessionId });
    for (const person of [g.aino, g.eero]) {
      const conn = await open(person);
      await request(conn.socket, { type: "session.join", sessionId: g.sessionId });
      await conn.log.until("live.admission", (event) => event.status === "waiting");
    }
    clock.advance(10 * MINUTE);
    expect(
      await request(sup.socket, {
        type: "live.admit",
        sessionId: g.sessionId,
        membershipId: g.ids.eero,
      }),
    ).toMatchObject({ ok: true });
    await view.until((names) => names.includes("Eero:participant"), 3000);
    clock.advance(5 * MINUTE);

    const rows = await report(g.supervisor, g.sessionId);
    expect(row(rows, g.ids.aino)).toMatchObject({
      totalMinutes: 0,
      source: null,
      intervals: [],
      firstJoinedAt: null,
    });
    expect(row(rows, g.ids.eero)).toMatchObject({ totalMinutes: 5, source: "presence" });
    expect(row(rows, g.ids.ulla)).toMatchObject({ totalMinutes: 15, source: "presence" });
    const group = await csvLines(g.supervisor, `/api/groups/${g.group.id}/attendance.csv`);
    expect(group.some((line) => line.includes(";Aino;"))).toBe(false);
    g.supervisor.closeSockets();
    g.aino.closeSockets();
    g.eero.closeSockets();
  });

  it("closes a removed member's interval at the removal, and everyone's when the session ends", async () => {
    const g = await groupOfThree();
    const { sup } = await everyoneIn(g);
    clock.advance(5 * MINUTE);
    expect(
      await request(sup.socket, {
        type: "live.remove",
        sessionId: g.sessionId,
        membershipId: g.ids.aino,
      }),
    ).toMatchObject({ ok: true });
    const removedAt = clock.now().getTime();
    await reportUntil(g.supervisor, g.sessionId, allLeft(g.ids.aino));
    clock.advance(10 * MINUTE);
    expect(await request(sup.socket, { type: "live.end", sessionId: g.sessionId })).toMatchObject({
      ok: true,
    });
    const endedAt = clock.now().getTime();
    // Time goes on after the end; nobody's minutes do.
    clock.advance(30 * MINUTE);

    const rows = await reportUntil(g.supervisor, g.sessionId, allLeft(...Object.values(g.ids)));
    const aino = row(rows, g.ids.aino);
    expect(aino.totalMinutes).toBe(5);
    expect(Math.abs(Date.parse(aino.lastLeftAt ?? "") - removedAt)).toBeLessThan(2000);
    for (const id of [g.ids.ulla, g.ids.eero]) {
      expect(row(rows, id).totalMinutes).toBe(15);
      expect(Math.abs(Date.parse(row(rows, id).lastLeftAt ?? "") - endedAt)).toBeLessThan(2000);
    }
    g.supervisor.closeSockets();
    g.aino.closeSockets();
    g.eero.closeSockets();
  });

  it("counts two devices of one person once: tab one 0–10 min, tab two 5–15 min is 15 minutes", async () => {
    const g = await groupOfThree();
    const { aino } = await everyoneIn(g);
    clock.advance(5 * MINUTE);
    const phone = await open(g.aino);
    await request(phone.socket, { type: "session.join", sessionId: g.sessionId });
    await phone.log.until("live.admission", (event) => event.status === "admitted");
    clock.advance(5 * MINUTE);
    aino.socket.disconnect();
    clock.advance(5 * MINUTE);
    phone.socket.disconnect();

    const rows = await reportUntil(g.supervisor, g.sessionId, allLeft(g.ids.aino));
    expect(row(rows, g.ids.aino)).toMatchObject({ totalMinutes: 15, source: "presence" });
    expect(row(rows, g.ids.aino).intervals).toHaveLength(1);
    g.supervisor.closeSockets();
    g.eero.closeSockets();
  });

  it("combines with LiveKit's webhooks: both sources named, the overlap counted once", async () => {
    const g = await groupOfThree();
    await everyoneIn(g);
    // Aino's video connects two minutes in and drops at ten; Piiri saw her all along.
    clock.advance(2 * MINUTE);
    const webhook = async (event: "participant_joined" | "participant_left") => {
      const body = webhookBody({
        event,
        room: g.sessionId,
        identity: g.ids.aino,
        createdAt: Math.floor(clock.now().getTime() / 1000),
      });
      expect((await postWebhook(piiri.url, body, await signWebhook(body))).status).toBe(200);
    };
    await webhook("participant_joined");
    clock.advance(8 * MINUTE);
    await webhook("participant_left");
    clock.advance(5 * MINUTE);

    const rows = await report(g.supervisor, g.sessionId);
    expect(row(rows, g.ids.aino)).toMatchObject({
      source: "both",
      totalMinutes: 15,
      videoMinutes: 8,
      presenceMinutes: 15,
    });
    expect(row(rows, g.ids.eero)).toMatchObject({ source: "presence", totalMinutes: 15 });
    const session = await csvLines(g.supervisor, `/api/sessions/${g.sessionId}/attendance.csv`);
    expect(session.find((line) => line.includes(";Aino;"))).toMatch(/;15;video ja Piiri;/);
    g.supervisor.closeSockets();
    g.aino.closeSockets();
    g.eero.closeSockets();
  });
});

describe("attendance across a restart", () => {
  let database: Database;
  afterAll(async () => {
    await database.close();
  });

  it("closes what a stopped run left open where that run last saw it, and counts the rejoin", async () => {
    database = await createTestDatabase();
    const shared = testClock();
    // Both runs use one database that outlives them (close() would close it).
    const keep: Database = { ...database, close: () => Promise.resolve() };
    const first = await startTestPiiri(shared, { database: keep });
    const g = await groupOfThree(first);
    await everyoneIn(g);
    shared.advance(10 * MINUTE);
    const stoppedAt = shared.now().getTime();
    await first.close();
    // Down for five minutes: nobody is counted for them.
    shared.advance(5 * MINUTE);

    const second = await startTestPiiri(shared, { database: keep });
    try {
      const moved = (person: TestPerson) => {
        const again = new TestPerson(second.url);
        again.adoptCookies(person);
        return again;
      };
      const people = {
        supervisor: moved(g.supervisor),
        aino: moved(g.aino),
        eero: moved(g.eero),
      };
      const afterBoot = await report(people.supervisor, g.sessionId);
      for (const id of Object.values(g.ids)) {
        const member = row(afterBoot, id);
        expect(member.totalMinutes).toBe(10);
        expect(member.intervals).toHaveLength(1);
        expect(member.lastLeftAt).not.toBeNull();
        expect(Math.abs(Date.parse(member.lastLeftAt ?? "") - stoppedAt)).toBeLessThan(2000);
      }

      // Everyone reconnects to the new run (admitted before, so straight in) for five minutes.
      for (const person of Object.values(people)) {
        const conn = await open(person);
        await request(conn.socket, { type: "session.join", sessionId: g.sessionId });
        await conn.log.until("live.admission", (event) => event.status === "admitted");
      }
      shared.advance(5 * MINUTE);
      const rows = await report(people.supervisor, g.sessionId);
      for (const id of Object.values(g.ids)) {
        expect(row(rows, id)).toMatchObject({ totalMinutes: 15, lastLeftAt: null });
        expect(row(rows, id).intervals).toHaveLength(2);
      }
      for (const person of Object.values(people)) person.closeSockets();
    } finally {
      await second.close();
    }
  });
});
