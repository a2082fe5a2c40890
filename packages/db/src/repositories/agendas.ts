import { AgendaState } from "@piiri/protocol/rounds";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";

export interface StoredAgenda {
  state: AgendaState;
  /** Grows by one on every change; 0 for a session nobody has planned yet. */
  version: number;
}

/** The session's agenda state, or null if it has none stored yet. */
export async function loadAgenda(prisma: PrismaClient, sessionId: string): Promise<StoredAgenda | null> {
  const row = await prisma.sessionAgenda.findUnique({ where: { sessionId } });
  if (!row) return null;
  return { state: AgendaState.parse(row.state), version: row.version };
}

/**
 * Stores `state` as version `expectedVersion + 1` if the stored version is still
 * `expectedVersion` (0: nothing stored yet). False when someone else changed it first: reload and
 * apply again. Two API nodes can therefore never both apply a command or an automatic advance.
 */
export async function compareAndSetAgenda(
  prisma: PrismaClient,
  input: { sessionId: string; expectedVersion: number; state: AgendaState; nextDeadlineAt: Date | null },
): Promise<boolean> {
  const state = input.state as unknown as Prisma.InputJsonObject;
  if (input.expectedVersion === 0) {
    try {
      await prisma.sessionAgenda.create({
        data: { sessionId: input.sessionId, state, version: 1, nextDeadlineAt: input.nextDeadlineAt },
      });
      return true;
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
      throw error;
    }
  }
  const updated = await prisma.sessionAgenda.updateMany({
    where: { sessionId: input.sessionId, version: input.expectedVersion },
    data: { state, version: input.expectedVersion + 1, nextDeadlineAt: input.nextDeadlineAt },
  });
  return updated.count === 1;
}

/** Sessions whose agenda will change by itself (a running turn with auto-advance). */
export async function agendasWithDeadlines(
  prisma: PrismaClient,
): Promise<Array<{ sessionId: string; nextDeadlineAt: Date }>> {
  const rows = await prisma.sessionAgenda.findMany({
    where: { nextDeadlineAt: { not: null } },
    select: { sessionId: true, nextDeadlineAt: true },
  });
  return rows.flatMap((row) =>
    row.nextDeadlineAt ? [{ sessionId: row.sessionId, nextDeadlineAt: row.nextDeadlineAt }] : [],
  );
}

export interface SessionMember {
  membershipId: string;
  displayName: string;
  role: "supervisor" | "cosupervisor" | "participant";
}

/** The members of the session's group (who may be put in a round or named presenter). */
export async function membersOfSessionGroup(
  prisma: PrismaClient,
  sessionId: string,
): Promise<SessionMember[]> {
  const session = await prisma.session.findUnique({
    where: { id: sessionId },
    select: { group: { select: { memberships: { select: { id: true, displayName: true, role: true } } } } },
  });
  return (session?.group.memberships ?? []).map((m) => ({
    membershipId: m.id,
    displayName: m.displayName,
    role: m.role,
  }));
}
