// Rounds: how evenly a turn change reaches everyone in a session. A real Piiri (HTTP, socket.io,
// better-auth, in-memory PGlite) in this process; SESSIONS sessions × CLIENTS real socket.io
// clients each; in every session the supervisor's client advances the round once a second
// (round.next; a new round when one ends). For each turn change we take the spread between the
// first and the last client of the session to receive it. Baseline, in the same run with the same
// clients pattern: a bare socket.io server where the supervisor's client asks and the server
// broadcasts the same snapshot to the room, nothing else (no auth, no validation, no database).
//
// Knobs: BENCH_ROUNDS_SESSIONS (200), BENCH_ROUNDS_SECONDS (20). The database is an in-memory
// PGlite in this same process by default; PIIRI_TEST_DB=postgres PIIRI_TEST_PG_URL=<server>
// runs Piiri against a PostgreSQL server instead (its queries then leave this event loop).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import type { AgendaStateEvent } from "@piiri/protocol/rounds";
import type { ServerEvent } from "@piiri/protocol/realtime";
import {
  startTestPiiri,
  connected,
  type TestPerson,
  type TestSocket,
} from "../src/testing/harness.ts";
import { request } from "../src/testing/realtime.ts";
import { gateLimitsForStandIns } from "./stand-ins.ts";
import {
  setLobby,
  FIRST_SESSION,
  invite,
  acceptAsNewcomer,
  supervisorWithGroup,
} from "../src/testing/scenario.ts";

const SESSIONS = Number(process.env.BENCH_ROUNDS_SESSIONS ?? 200);
const CLIENTS = 12; // per session: the supervisor and 11 participants
const MEASURE_SECONDS = Number(process.env.BENCH_ROUNDS_SECONDS ?? 20);
const WARMUP_SECONDS = 3;
const PIIRI_PORT = 3411;
const RAW_PORT = 3412;
/** Connecting 2,400 sockets on a busy 2-core machine can take a while. */
const CONNECT_TIMEOUT_MS = 120_000;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Receipt times per (session, change): spread = last − first, over changes all clients saw. */
class Spreads {
  private readonly seen = new Map<string, number[]>();
  measuring = false;
  record(key: string): void {
    if (!this.measuring) return;
    const times = this.seen.get(key) ?? [];
    times.push(performance.now());
    this.seen.set(key, times);
  }
  result(): { spreads: number[]; incomplete: number } {
    const spreads: number[] = [];
    let incomplete = 0;
    for (const times of this.seen.values()) {
      if (times.length < CLIENTS) {
        incomplete += 1;
        continue;
      }
      spreads.push(Math.max(...times) - Math.min(...times));
    }
    return { spreads: spreads.sort((a, b) => a - b), incomplete };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn` for every item, `limit` at a time. */
async function inBatches<T>(
  items: T[],
  limit: number,
  fn: (item: T, index: number) => Promise<void>,
) {
  for (let i = 0; i < items.length; i += limit) {
    await Promise.all(items.slice(i, i + limit).map((item, j) => fn(item, i + j)));
  }
}

/** Every session's supervisor drives once a second, the sessions staggered over the second. */
async function drive(drivers: Array<() => Promise<void>>, seconds: number, spreads: Spreads) {
  let stop = false;
  const loops = drivers.map(async (step, index) => {
    await sleep((index / drivers.length) * 1000);
    let next = performance.now();
    while (!stop) {
      await step();
      next += 1000;
      await sleep(Math.max(0, next - performance.now()));
    }
  });
  await sleep(WARMUP_SECONDS * 1000);
  spreads.measuring = true;
  await sleep(seconds * 1000);
  spreads.measuring = false;
  stop = true;
  await Promise.all(loops);
  await sleep(500);
}

async function benchPiiri(): Promise<{
  spreads: number[];
  incomplete: number;
  errors: Map<string, number>;
}> {
  // Each of the 12 people has a socket in every session: the budget of SESSIONS people.
  const piiri = await startTestPiiri(undefined, {
    env: { PORT: String(PIIRI_PORT) },
    gateLimits: gateLimitsForStandIns(SESSIONS),
  });
  try {
    // 12 people, one group, SESSIONS sessions: each person has one socket in every session.
    const { supervisor, group, sessionId: firstSession } = await supervisorWithGroup(piiri);
    // The lobby has its own tests (live.int.test.ts); here everyone walks straight in.
    await setLobby(supervisor, group.id, false);
    const { token } = await invite(supervisor, group.id, { maxUses: CLIENTS - 1 });
    const people = [supervisor];
    for (let i = 1; i < CLIENTS; i++)
      people.push(await acceptAsNewcomer(piiri, token, `Osallistuja ${i}`));
    const sessionIds = [firstSession];
    while (sessionIds.length < SESSIONS) {
      const response = await supervisor.api.groups[":groupId"].sessions.$post({
        param: { groupId: group.id },
        json: FIRST_SESSION,
      });
      if (response.status !== 201) throw new Error(`scheduling failed: ${await response.text()}`);
      const body = (await response.json()) as { session: { id: string } };
      sessionIds.push(body.session.id);
    }

    const spreads = new Spreads();
    // Batches set sessions up in parallel: keep each supervisor's socket with its own session.
    const supervisors: Array<{ sup: TestSocket; sessionId: string }> = [];
    await inBatches(sessionIds, 10, async (sessionId) => {
      const sockets = people.map((person: TestPerson) =>
        person.socket({ timeoutMs: CONNECT_TIMEOUT_MS }),
      );
      sockets.forEach((socket) => {
        socket.on("event", (event: ServerEvent) => {
          if (event.type !== "agenda.state" || event.sessionId !== sessionId) return;
          const round = event.state.round;
          if (round) spreads.record(`${sessionId}:${round.id}:${round.turnNumber}:${round.status}`);
        });
      });
      await Promise.all(sockets.map(connected));
      for (const socket of sockets) {
        const ack = await request(socket, { type: "session.join", sessionId });
        if (!ack.ok) throw new Error(`join failed: ${ack.code}`);
      }
      const sup = sockets[0];
      if (!sup) throw new Error("no sockets");
      supervisors.push({ sup, sessionId });
      const set = await request(sup, {
        type: "agenda.set",
        sessionId,
        phases: [
          {
            key: "groupSupervision.checkIn",
            title: null,
            kind: "round",
            plannedSeconds: 3600,
            presenterId: null,
          },
        ],
      });
      if (!set.ok) throw new Error(`agenda failed: ${set.code}`);
      const started = await request(sup, { type: "agenda.nextPhase", sessionId });
      if (!started.ok) throw new Error(`phase failed: ${started.code}`);
    });

    const errors = new Map<string, number>();
    const startRound = (sup: TestSocket, sessionId: string) =>
      request(sup, { type: "round.start", sessionId, turnSeconds: 60, autoAdvance: false });
    const drivers = supervisors.map(({ sup, sessionId }) => {
      return async () => {
        let ack = await request(sup, { type: "round.next", sessionId });
        if (!ack.ok && ack.code === "ROUND_NOT_RUNNING") ack = await startRound(sup, sessionId);
        if (!ack.ok) errors.set(ack.code, (errors.get(ack.code) ?? 0) + 1);
      };
    });
    await drive(drivers, MEASURE_SECONDS, spreads);
    people.forEach((person) => person.closeSockets());
    return { ...spreads.result(), errors };
  } finally {
    await piiri.close();
  }
}

async function benchRaw(
  payload: AgendaStateEvent,
): Promise<{ spreads: number[]; incomplete: number }> {
  const httpServer = createServer();
  const io = new Server(httpServer, { serveClient: false });
  io.on("connection", (socket) => {
    socket.on("join", (room: string, ack: () => void) => {
      void Promise.resolve(socket.join(room)).then(ack);
    });
    socket.on("next", (room: string, turnNumber: number, ack: () => void) => {
      const round = payload.state.round ? { ...payload.state.round, turnNumber } : null;
      io.to(room).emit("event", {
        ...payload,
        sessionId: room,
        state: { ...payload.state, round },
      });
      ack();
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(RAW_PORT, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const spreads = new Spreads();
  const all: Socket[] = [];
  const drivers: Array<() => Promise<void>> = [];
  const rooms = Array.from({ length: SESSIONS }, (_, i) => `room-${i}`);
  await inBatches(rooms, 10, async (room) => {
    const sockets = Array.from({ length: CLIENTS }, () =>
      connect(url, {
        transports: ["websocket"],
        forceNew: true,
        reconnection: false,
        timeout: CONNECT_TIMEOUT_MS,
      }),
    );
    all.push(...sockets);
    for (const socket of sockets) {
      socket.on("event", (event: AgendaStateEvent) => {
        spreads.record(`${event.sessionId}:${event.state.round?.turnNumber}`);
      });
    }
    await Promise.all(
      sockets.map(
        (socket) =>
          new Promise<void>((resolve, reject) => {
            socket.once("connect", () => resolve());
            socket.once("connect_error", reject);
          }),
      ),
    );
    await Promise.all(
      sockets.map((socket) => new Promise<void>((resolve) => socket.emit("join", room, resolve))),
    );
    const sup = sockets[0] as Socket;
    let turn = 0;
    drivers.push(
      () =>
        new Promise<void>((resolve) => {
          turn += 1;
          sup.emit("next", room, turn, resolve);
        }),
    );
  });
  await drive(drivers, MEASURE_SECONDS, spreads);
  all.forEach((socket) => socket.disconnect());
  await io.close();
  return spreads.result();
}

/** A realistic snapshot: a round of 11 speakers in a 9-phase agenda, as Piiri sends it. */
function samplePayload(): AgendaStateEvent {
  const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  const now = Date.now();
  return {
    type: "agenda.state",
    sessionId: uuid(1),
    version: 1,
    serverNow: now,
    state: {
      phases: Array.from({ length: 9 }, (_, i) => ({
        id: uuid(10 + i),
        key: "groupSupervision.checkIn",
        title: null,
        kind: "round" as const,
        plannedSeconds: 600,
        presenterId: null,
      })),
      status: "running",
      current: {
        phaseId: uuid(10),
        timer: { running: true, deadline: now + 600_000, durationMs: 600_000 },
      },
      paused: false,
      round: {
        id: uuid(2),
        phaseId: uuid(10),
        order: "fixed",
        turnMs: 60_000,
        autoAdvance: false,
        addLateJoiners: true,
        speakers: Array.from({ length: 11 }, (_, i) => ({
          membershipId: uuid(100 + i),
          displayName: `Osallistuja ${i + 1}`,
          present: true,
          outcome: "pending" as const,
        })),
        current: 0,
        turn: { running: true, deadline: now + 60_000, durationMs: 60_000 },
        turnNumber: 1,
        status: "running",
      },
    },
    spotlight: { speakerId: uuid(100), listeningIds: [] },
  };
}

export default async function roundsBench(): Promise<void> {
  const started = performance.now();
  const raw = await benchRaw(samplePayload());
  const piiri = await benchPiiri();
  const fmt = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : "NaN");
  const p50 = percentile(piiri.spreads, 50);
  const p99 = percentile(piiri.spreads, 99);
  const raw50 = percentile(raw.spreads, 50);
  const raw99 = percentile(raw.spreads, 99);
  console.log(
    [
      "BENCH rounds",
      `turn_spread_p50_ms=${fmt(p50)}`,
      `turn_spread_p99_ms=${fmt(p99)}`,
      `raw_p50_ms=${fmt(raw50)}`,
      `raw_p99_ms=${fmt(raw99)}`,
      `ratio_p50=${fmt(p50 / raw50)}`,
      `ratio_p99=${fmt(p99 / raw99)}`,
      `sessions=${SESSIONS}`,
      `clients=${SESSIONS * CLIENTS}`,
      `turn_changes=${piiri.spreads.length}`,
      `expected_changes=${SESSIONS * MEASURE_SECONDS}`,
      `raw_changes=${raw.spreads.length}`,
      `incomplete=${piiri.incomplete}`,
      `raw_incomplete=${raw.incomplete}`,
      `command_errors=${[...piiri.errors.values()].reduce((a, b) => a + b, 0)}`,
      ...[...piiri.errors].map(([code, count]) => `error_${code}=${count}`),
      `measure_s=${MEASURE_SECONDS}`,
      `total_s=${((performance.now() - started) / 1000).toFixed(0)}`,
    ].join(" "),
  );
}
