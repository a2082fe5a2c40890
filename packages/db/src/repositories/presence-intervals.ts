// Presence intervals: when a member was admitted in a session, as Piiri's sockets saw it, kept by
// each API node for its own sockets (see PresenceInterval in schema.prisma). Closing is always
// conditional on the row being open, so two nodes (or a node and a session end) closing the same
// row never move an end once written.
import type { PrismaClient } from "../generated/prisma/client.ts";

export interface PresenceIntervalRow {
  id: string;
  sessionId: string;
  membershipId: string;
  nodeId: string;
  startedAt: Date;
  endedAt: Date | null;
  seenAt: Date;
}

const SELECT = {
  id: true,
  sessionId: true,
  membershipId: true,
  nodeId: true,
  startedAt: true,
  endedAt: true,
  seenAt: true,
} as const;

/** Opens an interval from `at`; returns its id. */
export async function openPresenceInterval(
  prisma: PrismaClient,
  input: { sessionId: string; membershipId: string; nodeId: string; at: Date },
): Promise<string> {
  const row = await prisma.presenceInterval.create({
    data: {
      sessionId: input.sessionId,
      membershipId: input.membershipId,
      nodeId: input.nodeId,
      startedAt: input.at,
      seenAt: input.at,
    },
    select: { id: true },
  });
  return row.id;
}

/** Closes one interval at `at` if it is still open; returns whether it was. */
export async function closePresenceInterval(
  prisma: PrismaClient,
  id: string,
  at: Date,
): Promise<boolean> {
  const { count } = await prisma.presenceInterval.updateMany({
    where: { id, endedAt: null },
    data: { endedAt: at, seenAt: at },
  });
  return count > 0;
}

/**
 * Closes every open interval of a session (on every node, also those of a node that is gone), or
 * only one member's: the session ended, or the member was removed.
 */
export async function closeSessionPresence(
  prisma: PrismaClient,
  sessionId: string,
  at: Date,
  membershipId?: string,
): Promise<number> {
  const { count } = await prisma.presenceInterval.updateMany({
    where: { sessionId, endedAt: null, ...(membershipId === undefined ? {} : { membershipId }) },
    data: { endedAt: at, seenAt: at },
  });
  return count;
}

/**
 * A node's heartbeat: confirms at `at` those of these intervals that are still open and returns
 * their ids (one that was closed meanwhile — a session end, a removal — is not among them).
 */
export async function confirmPresence(
  prisma: PrismaClient,
  ids: readonly string[],
  at: Date,
): Promise<string[]> {
  await prisma.presenceInterval.updateMany({
    where: { id: { in: [...ids] }, endedAt: null },
    data: { seenAt: at },
  });
  const rows = await prisma.presenceInterval.findMany({
    where: { id: { in: [...ids] }, endedAt: null },
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

/** Open intervals, of every node or of every node but one (candidates for closing as dangling). */
export async function listOpenPresence(
  prisma: PrismaClient,
  exceptNodeId?: string,
): Promise<PresenceIntervalRow[]> {
  return prisma.presenceInterval.findMany({
    where: {
      endedAt: null,
      ...(exceptNodeId === undefined ? {} : { nodeId: { not: exceptNodeId } }),
    },
    select: SELECT,
  });
}

/** Every interval of these sessions, oldest first. */
export async function listPresenceIntervals(
  prisma: PrismaClient,
  sessionIds: readonly string[],
): Promise<PresenceIntervalRow[]> {
  return prisma.presenceInterval.findMany({
    where: { sessionId: { in: [...sessionIds] } },
    select: SELECT,
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
  });
}
