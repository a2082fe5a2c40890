// Board fan-out under load: SESSIONS sessions × CLIENTS sockets each, DRAWERS of them sending
// RATE board changes a second (~300-byte Excalidraw elements), for MEASURE_MS. Measured twice in
// this process, one after the other: through a real Piiri (validation, authorization, rate
// limiting, merge + upsert in an in-memory PGlite before the fan-out) and through a bare socket.io
// server that only broadcasts the same payloads to the same rooms (the baseline). Both use the
// client policy a board client has: at most one un-acknowledged batch per drawer; changes made
// meanwhile are merged (latest version per element) into the next batch. Latency is from the
// moment a change was made to each receiver's event (so it includes waiting for the previous
// ack); throughput counts element deliveries to receivers a second.
// Environment overrides for a smaller run: BOARD_BENCH_SESSIONS, _CLIENTS, _DRAWERS, _RATE, _SECONDS.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import type { BoardElement } from "@piiri/protocol/board";
import type { ServerEvent } from "@piiri/protocol/realtime";
import { loadConfig } from "../src/env.ts";
import { startPiiri } from "../src/server.ts";
import { TestPerson, connected, type TestSocket } from "../src/testing/harness.ts";
import { request } from "../src/testing/realtime.ts";
import { uniqueEmail } from "../src/testing/scenario.ts";
import { gateLimitsForStandIns } from "./stand-ins.ts";

const number = (name: string, fallback: number) => {
  const value = Number(process.env[`BOARD_BENCH_${name}`]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const SESSIONS = number("SESSIONS", 200);
const CLIENTS = number("CLIENTS", 12);
const DRAWERS = number("DRAWERS", 2);
const RATE = number("RATE", 30);
const MEASURE_MS = number("SECONDS", 10) * 1000;
const WARMUP_MS = 2000;

interface Stats {
  /** The measuring window's real length. */
  windowMs: number;
  latencies: number[];
  delivered: number;
  sent: number;
  acked: number;
  refused: number;
}

const newStats = (): Stats => ({
  windowMs: MEASURE_MS,
  latencies: [],
  delivered: 0,
  sent: 0,
  acked: 0,
  refused: 0,
});

/** A ~300-byte freehand-ish element; `updated` carries the send time. */
function change(id: string, version: number, sentAt: number): BoardElement {
  return {
    id,
    type: "freedraw",
    x: 120.5,
    y: 80.25,
    width: 42,
    height: 17,
    angle: 0,
    strokeColor: "#1e1e1e",
    backgroundColor: "transparent",
    strokeWidth: 2,
    roughness: 1,
    opacity: 100,
    seed: 1234567,
    version,
    versionNonce: (version * 2654435761) % 2 ** 31,
    isDeleted: false,
    frameId: null,
    updated: sentAt,
    points: [
      [0, 0],
      [4.5, 2.25],
      [9, 5.5],
      [15.75, 9],
      [22, 12.5],
      [30.25, 15],
      [42, 17],
    ],
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

type Send = (elements: BoardElement[], acked: (ok: boolean) => void) => void;

/** One drawing client: one batch in flight, later changes merged into the next batch. */
class Drawer {
  private pending = new Map<string, BoardElement>();
  private inFlight = false;
  constructor(
    private readonly sendBatch: Send,
    private readonly stats: Stats,
    private readonly window: { open: boolean },
  ) {}
  send(element: BoardElement): void {
    this.pending.set(element.id, element);
    if (!this.inFlight) this.flush();
  }
  private flush(): void {
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending.clear();
    this.inFlight = true;
    this.sendBatch(batch, (ok) => {
      if (this.window.open) {
        if (ok) this.stats.acked += 1;
        else this.stats.refused += 1;
      }
      this.inFlight = false;
      this.flush();
    });
  }
}

/** Most ticks a drawer catches up at once after the event loop stalled (the rest are skipped). */
const MAX_CATCH_UP_TICKS = 3;

/**
 * Runs the drawers at RATE: WARMUP, then a MEASURE window that opens at the first tick after the
 * warm-up (so a stalled event loop cannot skip it). Returns the window's real length in ms.
 */
async function drive(drawers: Drawer[], stats: Stats, window: { open: boolean }): Promise<number> {
  const intervalMs = 1000 / RATE;
  const start = performance.now();
  const versions = drawers.map(() => 1);
  let opened = Number.NaN;
  let closed = Number.NaN;
  await new Promise<void>((resolve) => {
    let tick = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      const elapsed = now - start;
      if (!window.open && Number.isNaN(opened) && elapsed >= WARMUP_MS) {
        opened = now;
        window.open = true;
      }
      if (window.open && now - opened >= MEASURE_MS) {
        closed = now;
        window.open = false;
        clearInterval(timer);
        resolve();
        return;
      }
      const due = Math.floor(elapsed / intervalMs);
      tick = Math.max(tick, due - MAX_CATCH_UP_TICKS);
      while (tick < due) {
        tick += 1;
        drawers.forEach((drawer, index) => {
          versions[index] = (versions[index] ?? 1) + 1;
          if (window.open) stats.sent += 1;
          drawer.send(change(`d${index}e${tick % 20}`, versions[index] ?? 1, performance.now()));
        });
      }
    }, intervalMs / 2);
  });
  // Let what is in flight arrive (not counted: the window is closed).
  await new Promise((resolve) => setTimeout(resolve, 500));
  return closed - opened;
}

function receive(stats: Stats, window: { open: boolean }) {
  return (elements: readonly BoardElement[]) => {
    if (!window.open) return;
    const now = performance.now();
    for (const element of elements) {
      stats.delivered += 1;
      if (typeof element.updated === "number") stats.latencies.push(now - element.updated);
    }
  };
}

async function inBatches<T>(
  items: T[],
  size: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  for (let start = 0; start < items.length; start += size)
    await Promise.all(items.slice(start, start + size).map(fn));
}

async function runRaw(): Promise<Stats> {
  const stats = newStats();
  const window = { open: false };
  const httpServer = createServer();
  const server = new Server(httpServer, { serveClient: false });
  server.on("connection", (socket) => {
    socket.on("join", (room: string, ack: () => void) => {
      void Promise.resolve(socket.join(room)).then(ack);
    });
    socket.on(
      "draw",
      (room: string, elements: BoardElement[], ack: (result: { ok: true }) => void) => {
        socket.to(room).emit("elements", elements);
        ack({ ok: true });
      },
    );
  });
  await new Promise<void>((resolve) => httpServer.listen(3512, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const sockets: Socket[] = [];
  const drawers: Drawer[] = [];
  const onElements = receive(stats, window);
  const slots = Array.from({ length: SESSIONS * CLIENTS }, (_, i) => i);
  await inBatches(slots, 100, async (slot) => {
    const room = `s${Math.floor(slot / CLIENTS)}`;
    const socket = connect(url, { transports: ["websocket"], forceNew: true, reconnection: false });
    sockets.push(socket);
    socket.on("elements", onElements);
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    await new Promise<void>((resolve) => socket.emit("join", room, resolve));
    if (slot % CLIENTS < DRAWERS) {
      drawers.push(
        new Drawer(
          (elements, acked) => socket.emit("draw", room, elements, () => acked(true)),
          stats,
          window,
        ),
      );
    }
  });
  stats.windowMs = await drive(drawers, stats, window);
  sockets.forEach((socket) => socket.disconnect());
  await server.close();
  return stats;
}

async function runPiiri(): Promise<Stats> {
  const stats = newStats();
  const window = { open: false };
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "3511",
    DATABASE_URL: "pglite:memory",
    PIIRI_DATA_DIR: "/nonexistent",
    // Each TestPerson's requests come through loopback as from an address of its own.
    TRUSTED_PROXIES: "127.0.0.1,::1",
  });
  // Each of the CLIENTS people has a socket in every session: the budget of SESSIONS people.
  const piiri = await startPiiri(config, { gateLimits: gateLimitsForStandIns(SESSIONS) });
  const { prisma } = piiri.deps;
  try {
    // CLIENTS people (signing up hashes a password, so only once each) who belong to every group.
    const people: TestPerson[] = [];
    for (let i = 0; i < CLIENTS; i += 1) {
      const person = new TestPerson(piiri.url);
      await person.signUp(`Jäsen ${i}`, uniqueEmail(`bench${i}`));
      people.push(person);
    }
    const users = await prisma.user.findMany({
      where: { email: { startsWith: "bench" } },
      orderBy: { email: "asc" },
    });
    const userIds = people.map(
      (_, i) => users.find((user) => user.name === `Jäsen ${i}`)?.id ?? "",
    );
    const sessionIds: string[] = [];
    for (let s = 0; s < SESSIONS; s += 1) {
      const group = await prisma.supervisionGroup.create({
        data: { name: `Ryhmä ${s}`, kind: "group", createdById: userIds[0] ?? "" },
      });
      await prisma.membership.createMany({
        data: userIds.map((userId, i) => ({
          groupId: group.id,
          userId,
          role: i === 0 ? ("supervisor" as const) : ("participant" as const),
          displayName: `Jäsen ${i}`,
        })),
      });
      // No lobby: every bench client walks straight into the session.
      await prisma.liveGroupSettings.create({ data: { groupId: group.id, lobbyEnabled: false } });
      const session = await prisma.session.create({
        data: { groupId: group.id, startsAt: new Date(), status: "open" },
      });
      sessionIds.push(session.id);
    }

    const onElements = receive(stats, window);
    const sockets: TestSocket[] = [];
    const drawers: Drawer[] = [];
    const slots = Array.from({ length: SESSIONS * CLIENTS }, (_, i) => i);
    await inBatches(slots, 50, async (slot) => {
      const sessionId = sessionIds[Math.floor(slot / CLIENTS)] ?? "";
      const person = people[slot % CLIENTS];
      if (!person) return;
      const socket = person.socket();
      sockets.push(socket);
      socket.on("event", (event: ServerEvent) => {
        if (event.type === "board.elements") onElements(event.elements);
      });
      await connected(socket);
      const joined = await request(socket, { type: "session.join", sessionId });
      if (!joined.ok) throw new Error(`join failed: ${joined.code}`);
      if (slot % CLIENTS < DRAWERS) {
        drawers.push(
          new Drawer(
            (elements, acked) =>
              socket.emit("request", { type: "board.update", sessionId, elements }, (ack) =>
                acked(ack.ok),
              ),
            stats,
            window,
          ),
        );
      }
    });
    stats.windowMs = await drive(drawers, stats, window);
    sockets.forEach((socket) => socket.disconnect());
    return stats;
  } finally {
    await piiri.close();
  }
}

function summary(stats: Stats) {
  const sorted = [...stats.latencies].sort((a, b) => a - b);
  const seconds = stats.windowMs / 1000;
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    throughput: stats.delivered / seconds,
    sentPerSecond: stats.sent / seconds,
    ackedPerSecond: stats.acked / seconds,
  };
}

export default async function boardBench(): Promise<void> {
  const raw = summary(await runRaw());
  const piiriStats = await runPiiri();
  const piiri = summary(piiriStats);
  const offered = SESSIONS * DRAWERS * RATE * (CLIENTS - 1);
  const f = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "NaN");
  console.log(
    [
      "BENCH board",
      `sessions=${SESSIONS}`,
      `clients=${CLIENTS}`,
      `drawers=${DRAWERS}`,
      `rate=${RATE}`,
      `offered_msgs_s=${offered}`,
      `fanout_p50_ms=${f(piiri.p50)}`,
      `fanout_p99_ms=${f(piiri.p99)}`,
      `throughput_msgs_s=${f(piiri.throughput, 0)}`,
      `changes_sent_s=${f(piiri.sentPerSecond, 0)}`,
      `batches_acked_s=${f(piiri.ackedPerSecond, 0)}`,
      `refused=${piiriStats.refused}`,
      `raw_batches_acked_s=${f(raw.ackedPerSecond, 0)}`,
      `raw_p50_ms=${f(raw.p50)}`,
      `raw_p99_ms=${f(raw.p99)}`,
      `raw_throughput_msgs_s=${f(raw.throughput, 0)}`,
      `ratio_p50=${f(piiri.p50 / raw.p50, 2)}`,
      `ratio_p99=${f(piiri.p99 / raw.p99, 2)}`,
      `ratio_throughput=${f(piiri.throughput / raw.throughput, 2)}`,
    ].join(" "),
  );
}
