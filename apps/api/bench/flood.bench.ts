// Flood: what one participant flooding the socket does to everyone else. A real Piiri (HTTP,
// socket.io, better-auth, in-memory PGlite) in this process. VICTIMS sessions of another group
// each have one socket that asks `clock.sync` every SYNC_INTERVAL_MS and times the round trip.
// Measured twice in the same run, the same length each: quiet (nobody floods), then while one
// participant floods — joins of their own session (which used to resend the whole board each
// time) mixed with joins of random session ids (each a database lookup), FLOOD_RATE a second,
// reconnecting whenever the server cuts the socket off, as a determined client would.
// Knobs: BENCH_FLOOD_VICTIMS (20), BENCH_FLOOD_SECONDS (10), BENCH_FLOOD_RATE (600).
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import {
  connected,
  startTestPiiri,
  type TestPerson,
  type TestSocket,
} from "../src/testing/harness.ts";
import { request } from "../src/testing/realtime.ts";
import {
  acceptAsNewcomer,
  invite,
  setLobby,
  supervisorWithGroup,
} from "../src/testing/scenario.ts";
import type { RunningPiiri } from "../src/server.ts";

const number = (name: string, fallback: number) => {
  const value = Number(process.env[`BENCH_FLOOD_${name}`]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const VICTIMS = number("VICTIMS", 20);
const MEASURE_MS = number("SECONDS", 10) * 1000;
const FLOOD_RATE = number("RATE", 600);
const SYNC_INTERVAL_MS = 200;
/** A clock.sync slower than this counts as lost (the web app gives up on an ack after 8 s). */
const SYNC_TIMEOUT_MS = 8000;
const TICK_MS = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** A time in a future week, so every session here is an ordinary upcoming one. */
const upcoming = () => ({
  startsAt: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
  durationMinutes: 90,
});

async function victimSockets(piiri: RunningPiiri): Promise<TestSocket[]> {
  const { supervisor, group, sessionId } = await supervisorWithGroup(piiri, "Rauha Ohjaaja");
  await setLobby(supervisor, group.id, false);
  const sessionIds = [sessionId];
  while (sessionIds.length < VICTIMS) {
    const response = await supervisor.api.groups[":groupId"].sessions.$post({
      param: { groupId: group.id },
      json: upcoming(),
    });
    if (response.status !== 201) throw new Error(`scheduling failed: ${await response.text()}`);
    sessionIds.push((await response.json()).session.id);
  }
  const sockets: TestSocket[] = [];
  for (const id of sessionIds) {
    const socket = supervisor.socket();
    await connected(socket);
    const ack = await request(socket, { type: "session.join", sessionId: id });
    if (!ack.ok) throw new Error(`victim join failed: ${ack.code}`);
    sockets.push(socket);
  }
  return sockets;
}

/** Every victim samples its clock round trip every SYNC_INTERVAL_MS for MEASURE_MS. */
async function measureSyncs(sockets: TestSocket[]): Promise<{ rtts: number[]; lost: number }> {
  const rtts: number[] = [];
  let lost = 0;
  const end = performance.now() + MEASURE_MS;
  await Promise.all(
    sockets.map(async (socket, index) => {
      await sleep((index / sockets.length) * SYNC_INTERVAL_MS);
      while (performance.now() < end) {
        const sent = performance.now();
        try {
          const ack = (await socket.timeout(SYNC_TIMEOUT_MS).emitWithAck("request", {
            type: "clock.sync",
          })) as { ok: boolean };
          if (ack.ok) rtts.push(performance.now() - sent);
          else lost += 1;
        } catch {
          lost += 1;
        }
        await sleep(Math.max(0, sent + SYNC_INTERVAL_MS - performance.now()));
      }
    }),
  );
  return { rtts: rtts.sort((a, b) => a - b), lost };
}

interface FloodStats {
  sent: number;
  answered: number;
  refused: number;
  disconnects: number;
}

/** Floods from `person`'s socket until `stop()`; reconnects whenever it is cut off. */
function startFlood(person: TestPerson, sessionId: string) {
  const stats: FloodStats = { sent: 0, answered: 0, refused: 0, disconnects: 0 };
  let stopped = false;
  const perTick = Math.max(1, Math.round((FLOOD_RATE * TICK_MS) / 1000));
  const run = (async () => {
    while (!stopped) {
      const socket = person.socket();
      try {
        await connected(socket);
      } catch {
        await sleep(100);
        continue;
      }
      socket.on("disconnect", () => {
        stats.disconnects += 1;
      });
      while (!stopped && socket.connected) {
        for (let i = 0; i < perTick; i++) {
          const target = i % 2 === 0 ? sessionId : randomUUID();
          stats.sent += 1;
          socket.emit("request", { type: "session.join", sessionId: target }, (ack) => {
            stats.answered += 1;
            if (!ack.ok && ack.code === "RATE_LIMITED") stats.refused += 1;
          });
        }
        await sleep(TICK_MS);
      }
      socket.disconnect();
    }
  })();
  return {
    stats,
    async stop() {
      stopped = true;
      await run;
    },
  };
}

export default async function floodBench(): Promise<void> {
  const started = performance.now();
  const piiri = await startTestPiiri();
  try {
    const victims = await victimSockets(piiri);
    // The flooder: a participant of another group, in that group's session.
    const { supervisor, group, sessionId } = await supervisorWithGroup(piiri, "Tulva Ohjaaja");
    await setLobby(supervisor, group.id, false);
    const { token } = await invite(supervisor, group.id);
    const flooder = await acceptAsNewcomer(piiri, token, "Tulva");

    await measureSyncs(victims.slice(0, 2)); // warm-up
    const quiet = await measureSyncs(victims);
    const flood = startFlood(flooder, sessionId);
    const loud = await measureSyncs(victims);
    await flood.stop();
    victims.forEach((socket) => socket.disconnect());

    const fmt = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : "NaN");
    const p50 = percentile(loud.rtts, 50);
    const p99 = percentile(loud.rtts, 99);
    const quiet50 = percentile(quiet.rtts, 50);
    const quiet99 = percentile(quiet.rtts, 99);
    const seconds = MEASURE_MS / 1000;
    console.log(
      [
        "BENCH flood",
        `sync_p50_ms=${fmt(p50)}`,
        `sync_p99_ms=${fmt(p99)}`,
        `quiet_p50_ms=${fmt(quiet50)}`,
        `quiet_p99_ms=${fmt(quiet99)}`,
        `ratio_p50=${fmt(p50 / quiet50)}`,
        `ratio_p99=${fmt(p99 / quiet99)}`,
        `syncs=${loud.rtts.length}`,
        `quiet_syncs=${quiet.rtts.length}`,
        `syncs_lost=${loud.lost}`,
        `quiet_syncs_lost=${quiet.lost}`,
        `victims=${VICTIMS}`,
        `flood_sent_per_s=${(flood.stats.sent / seconds).toFixed(0)}`,
        `flood_answered=${flood.stats.answered}`,
        `flood_refused=${flood.stats.refused}`,
        `flood_disconnects=${flood.stats.disconnects}`,
        `measure_s=${seconds}`,
        `total_s=${((performance.now() - started) / 1000).toFixed(0)}`,
      ].join(" "),
    );
  } finally {
    await piiri.close();
  }
}
