import type { GroupDetail, GroupKind, GroupSummary } from "@piiri/protocol/groups";
import { nextSession } from "@piiri/domain/schedule";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { toMember, toSessionSummary } from "./mappers.ts";

export interface NewGroup {
  supervisorUserId: string;
  supervisorName: string;
  name: string;
  kind: GroupKind;
  firstSession: { startsAt: Date; durationMinutes: number };
}

/** Creates the group, makes its creator the supervisor and schedules the first session, atomically. */
export async function createGroup(prisma: PrismaClient, input: NewGroup): Promise<GroupDetail> {
  const groupId = await prisma.$transaction(async (tx) => {
    const group = await tx.supervisionGroup.create({
      data: { name: input.name, kind: input.kind, createdById: input.supervisorUserId },
    });
    await tx.membership.create({
      data: {
        groupId: group.id,
        userId: input.supervisorUserId,
        role: "supervisor",
        displayName: input.supervisorName,
      },
    });
    await tx.session.create({
      data: {
        groupId: group.id,
        startsAt: input.firstSession.startsAt,
        durationMinutes: input.firstSession.durationMinutes,
      },
    });
    return group.id;
  });
  const detail = await getGroupDetail(prisma, groupId, input.supervisorUserId);
  if (!detail) throw new Error("group vanished right after creation");
  return detail;
}

export async function listGroupsForUser(
  prisma: PrismaClient,
  userId: string,
  now: Date,
): Promise<GroupSummary[]> {
  const memberships = await prisma.membership.findMany({
    where: { userId },
    include: {
      group: {
        include: {
          sessions: { where: { status: { in: ["scheduled", "open"] } }, orderBy: { startsAt: "asc" } },
          _count: { select: { memberships: true } },
        },
      },
    },
    orderBy: { group: { name: "asc" } },
  });
  return memberships.map(({ group, role }) => {
    const next = nextSession(group.sessions, now);
    return {
      id: group.id,
      name: group.name,
      kind: group.kind,
      myRole: role,
      memberCount: group._count.memberships,
      nextSession: next ? toSessionSummary(next) : null,
    };
  });
}

/** The group as one member sees it, or null when the group does not exist or they are not in it. */
export async function getGroupDetail(
  prisma: PrismaClient,
  groupId: string,
  userId: string,
): Promise<GroupDetail | null> {
  const group = await prisma.supervisionGroup.findUnique({
    where: { id: groupId },
    include: {
      memberships: { orderBy: [{ role: "asc" }, { joinedAt: "asc" }] },
      sessions: { orderBy: { startsAt: "asc" } },
    },
  });
  const me = group?.memberships.find((m) => m.userId === userId);
  if (!group || !me) return null;
  return {
    id: group.id,
    name: group.name,
    kind: group.kind,
    myRole: me.role,
    myMembershipId: me.id,
    members: group.memberships.map(toMember),
    sessions: group.sessions.map(toSessionSummary),
  };
}

export async function groupExists(prisma: PrismaClient, groupId: string): Promise<boolean> {
  return (await prisma.supervisionGroup.count({ where: { id: groupId } })) > 0;
}
