import type { SessionSummary } from "@piiri/protocol/sessions";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { toSessionSummary } from "./mappers.ts";

export async function scheduleSession(
  prisma: PrismaClient,
  input: { groupId: string; startsAt: Date; durationMinutes: number },
): Promise<SessionSummary> {
  const row = await prisma.session.create({ data: input });
  return toSessionSummary(row);
}
