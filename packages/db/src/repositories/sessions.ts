import type { SessionStatus, SessionSummary } from "@piiri/protocol/sessions";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { toSessionSummary } from "./mappers.ts";

export async function scheduleSession(
  prisma: PrismaClient,
  input: { groupId: string; startsAt: Date; durationMinutes: number },
): Promise<SessionSummary> {
  const row = await prisma.session.create({ data: input });
  return toSessionSummary(row);
}

/** When a session starts, how long it lasts, and its status; null for an unknown session. */
export async function findSessionTimes(
  prisma: PrismaClient,
  sessionId: string,
): Promise<{ startsAt: Date; durationMinutes: number; status: SessionStatus } | null> {
  return prisma.session.findUnique({
    where: { id: sessionId },
    select: { startsAt: true, durationMinutes: true, status: true },
  });
}
