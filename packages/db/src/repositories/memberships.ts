import type { MemberRole } from "@piiri/protocol/groups";
import type { SessionStatus } from "@piiri/protocol/sessions";
import type { GroupKind } from "@piiri/protocol/groups";
import type { PrismaClient } from "../generated/prisma/client.ts";

export interface MembershipRecord {
  id: string;
  groupId: string;
  userId: string;
  role: MemberRole;
  displayName: string;
}

export async function findMembership(
  prisma: PrismaClient,
  groupId: string,
  userId: string,
): Promise<MembershipRecord | null> {
  return prisma.membership.findUnique({
    where: { groupId_userId: { groupId, userId } },
    select: { id: true, groupId: true, userId: true, role: true, displayName: true },
  });
}

export interface SessionAccess {
  session: {
    id: string;
    groupId: string;
    startsAt: Date;
    durationMinutes: number;
    status: SessionStatus;
  };
  group: { id: string; name: string; kind: GroupKind };
  /** Null when the user is not a member of the session's group. */
  membership: MembershipRecord | null;
}

/** A session with its group and the caller's membership in one read; null if no such session. */
export async function findSessionAccess(
  prisma: PrismaClient,
  sessionId: string,
  userId: string,
): Promise<SessionAccess | null> {
  const session = await prisma.session.findUnique({
    where: { id: sessionId },
    include: {
      group: {
        select: {
          id: true,
          name: true,
          kind: true,
          memberships: {
            where: { userId },
            select: { id: true, groupId: true, userId: true, role: true, displayName: true },
          },
        },
      },
    },
  });
  if (!session) return null;
  const { group, ...rest } = session;
  return {
    session: {
      id: rest.id,
      groupId: rest.groupId,
      startsAt: rest.startsAt,
      durationMinutes: rest.durationMinutes,
      status: rest.status,
    },
    group: { id: group.id, name: group.name, kind: group.kind },
    membership: group.memberships[0] ?? null,
  };
}
