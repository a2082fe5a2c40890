// Attendance from Piiri's own sockets, so it does not depend on video: while a member has a
// socket admitted in a session (in the session room, not waiting in the lobby) on this API node,
// this node keeps a presence interval open for them. Rules in @piiri/domain/attendance-sources.
//
// - Each node writes only its own intervals, decided from its own sockets in the member's room
//   (never a counter that could drift). Two devices on two nodes are two overlapping rows; the
//   report merges them.
// - Changes for one member of one session run one after another, so a join and a leave racing
//   cannot open two rows or leave one open.
// - A heartbeat confirms this node's open rows. Stopping the server confirms them once more and
//   leaves them: a stop and a crash take the same path. At boot with a single node every open row
//   is closed at its last confirmation; with several nodes, a row another node has stopped
//   confirming is closed so by whoever notices (watchForeignIntervals).
// - A removal closes the member's rows and a session end closes everyone's, on every node.
import { randomUUID } from "node:crypto";
import {
  lastConfirmed,
  presenceStep,
  PRESENCE_HEARTBEAT_MS,
  watchForeignIntervals,
  type ForeignWatch,
} from "@piiri/domain/attendance-sources";
import type { PrismaClient } from "@piiri/db/client";
import {
  closePresenceInterval,
  closeSessionPresence,
  confirmPresence,
  listOpenPresence,
  openPresenceInterval,
} from "@piiri/db/repositories/presence-intervals";
import type { FeatureHooks, LeaveReason, RealtimeContext } from "../realtime/feature.ts";
import { memberRoom } from "../realtime/presence.ts";

interface OpenInterval {
  id: string;
  sessionId: string;
  membershipId: string;
}

/**
 * At boot: with a single API node (no Redis) nobody else can be keeping an interval open, so
 * every open one was left by an earlier run that stopped or crashed: close it at its last
 * confirmation. With several nodes the others may be alive; their heartbeats tell.
 */
export async function closeDanglingPresenceAtBoot(
  prisma: PrismaClient,
  clustered: boolean,
): Promise<number> {
  if (clustered) return 0;
  const open = await listOpenPresence(prisma);
  for (const interval of open) {
    await closePresenceInterval(prisma, interval.id, lastConfirmed(interval));
  }
  return open.length;
}

export function presenceAttendanceFeature({ io, deps }: RealtimeContext): FeatureHooks {
  const { prisma, now } = deps;
  const nodeId = randomUUID();
  const open = new Map<string, OpenInterval>();
  const queues = new Map<string, Promise<void>>();
  let watching = new Map<string, ForeignWatch>();
  let stopped = false;

  const keyOf = (sessionId: string, membershipId: string) => `${sessionId}|${membershipId}`;

  /** Runs tasks for one member of one session one after another; errors are logged. */
  function serially(key: string, task: () => Promise<void>): Promise<void> {
    const next = (queues.get(key) ?? Promise.resolve()).then(task).catch((error: unknown) => {
      console.error("presence attendance failed", error);
    });
    queues.set(key, next);
    void next.finally(() => {
      if (queues.get(key) === next) queues.delete(key);
    });
    return next;
  }

  /** This node's sockets of the member that are in the session now. */
  function socketsHere(sessionId: string, membershipId: string): number {
    const ids = io.of("/").adapter.rooms.get(memberRoom(sessionId, membershipId)) ?? new Set();
    return [...ids].filter((id) => io.sockets.sockets.get(id)?.data.presence[sessionId]).length;
  }

  /** Opens or closes this node's interval for the member to match its sockets now. */
  async function reconcile(sessionId: string, membershipId: string): Promise<void> {
    if (stopped) return;
    const key = keyOf(sessionId, membershipId);
    const current = open.get(key);
    const step = presenceStep(current !== undefined, socketsHere(sessionId, membershipId));
    if (step === "open") {
      const id = await openPresenceInterval(prisma, { sessionId, membershipId, nodeId, at: now() });
      open.set(key, { id, sessionId, membershipId });
    } else if (step === "close" && current) {
      open.delete(key);
      await closePresenceInterval(prisma, current.id, now());
    }
  }

  function sync(sessionId: string, membershipId: string): Promise<void> {
    return serially(keyOf(sessionId, membershipId), () => reconcile(sessionId, membershipId));
  }

  /**
   * Someone else closed this interval: a session end or removal (no sockets left, nothing
   * reopens), or a node that wrongly took this one for gone (sockets still here: a new one opens).
   */
  function closedElsewhere(interval: OpenInterval): Promise<void> {
    const key = keyOf(interval.sessionId, interval.membershipId);
    return serially(key, async () => {
      if (open.get(key)?.id === interval.id) open.delete(key);
      await reconcile(interval.sessionId, interval.membershipId);
    });
  }

  async function closeBySupervisor(
    sessionId: string,
    membershipId: string,
    reason: LeaveReason,
  ): Promise<void> {
    // Also the rows of nodes that are gone; this node's own closed just before, in sync().
    if (reason === "removed") await closeSessionPresence(prisma, sessionId, now(), membershipId);
    if (reason === "ended") await closeSessionPresence(prisma, sessionId, now());
  }

  /** Confirms this node's open intervals; those someone else closed are looked at again. */
  async function confirm(): Promise<void> {
    const tracked = [...open.values()];
    if (tracked.length === 0) return;
    const stillOpen = new Set(
      await confirmPresence(
        prisma,
        tracked.map((interval) => interval.id),
        now(),
      ),
    );
    for (const interval of tracked) {
      if (!stillOpen.has(interval.id)) void closedElsewhere(interval);
    }
  }

  async function heartbeat(): Promise<void> {
    await confirm();
    const result = watchForeignIntervals(watching, await listOpenPresence(prisma, nodeId));
    watching = result.watching;
    for (const { id, end } of result.dangling) await closePresenceInterval(prisma, id, end);
  }

  let beating: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    beating = heartbeat().catch((error: unknown) => {
      console.error("presence heartbeat failed", error);
    });
  }, PRESENCE_HEARTBEAT_MS);
  timer.unref();

  return {
    async onJoin(socket, sessionId) {
      const connection = socket.data.presence[sessionId];
      if (connection) await sync(sessionId, connection.membershipId);
    },
    async onLeave(sessionId, membershipId, reason) {
      if (stopped) return;
      await sync(sessionId, membershipId);
      await closeBySupervisor(sessionId, membershipId, reason);
    },
    async close() {
      clearInterval(timer);
      stopped = true;
      await beating;
      await Promise.all(queues.values());
      // Leave the rows open, confirmed now: the next boot (or another node) closes them here.
      await confirm();
    },
  };
}
