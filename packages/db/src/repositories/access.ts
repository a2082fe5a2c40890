// What the access rule (@piiri/domain/session-access) needs to know about a member and a session
// or a group, each in one read. The rule itself is decided in apps/api/src/http/access.ts.
import type { GroupKind } from "@piiri/protocol/groups";
import type { LiveAdmissionStatus } from "@piiri/protocol/live";
import type { SessionStatus } from "@piiri/protocol/sessions";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { doorSettingsOf, type DoorSettings } from "./live.ts";
import type { MembershipRecord } from "./memberships.ts";

export interface SessionRecord {
  id: string;
  groupId: string;
  startsAt: Date;
  durationMinutes: number;
  status: SessionStatus;
}

export interface SessionStandingFacts extends DoorSettings {
  session: SessionRecord;
  group: { id: string; name: string; kind: GroupKind };
  /** Null when the user is not a member of the session's group. */
  membership: MembershipRecord | null;
  /** The member's admission in this session, if any. */
  admission: LiveAdmissionStatus | null;
}

export interface GroupStandingFacts extends DoorSettings {
  /** Null when the user is not a member of the group. */
  membership: MembershipRecord | null;
  /** The group's sessions that could be open now, each with the member's admission. */
  sessions: Array<{ session: SessionRecord; admission: LiveAdmissionStatus | null }>;
}

const MEMBERSHIP = {
  id: true,
  groupId: true,
  userId: true,
  role: true,
  displayName: true,
} as const;
const SESSION = {
  id: true,
  groupId: true,
  startsAt: true,
  durationMinutes: true,
  status: true,
} as const;

/** A session, its group and settings, and the user's membership and admission; null: no session. */
export async function readSessionStanding(
  prisma: PrismaClient,
  sessionId: string,
  userId: string,
): Promise<SessionStandingFacts | null> {
  const row = await prisma.session.findUnique({
    where: { id: sessionId },
    select: {
      ...SESSION,
      group: {
        select: {
          id: true,
          name: true,
          kind: true,
          memberships: { where: { userId }, select: MEMBERSHIP },
          liveSettings: { select: { lobbyEnabled: true, opensBeforeMinutes: true } },
        },
      },
      admissions: { where: { membership: { userId } }, select: { status: true } },
    },
  });
  if (!row) return null;
  const { group, admissions, ...session } = row;
  return {
    session,
    group: { id: group.id, name: group.name, kind: group.kind },
    membership: group.memberships[0] ?? null,
    admission: admissions[0]?.status ?? null,
    ...doorSettingsOf(group.liveSettings),
  };
}

/**
 * The user's membership in a group, its settings, and its sessions that could be open now
 * (joinable, starting within `starts`, or opened by a supervisor and starting after
 * `starts.startsAfter`) with the user's admission in each; null when there is no such group.
 */
export async function readGroupStanding(
  prisma: PrismaClient,
  groupId: string,
  userId: string,
  starts: { startsAfter: Date; startsBefore: Date },
): Promise<GroupStandingFacts | null> {
  const row = await prisma.supervisionGroup.findUnique({
    where: { id: groupId },
    select: {
      memberships: { where: { userId }, select: MEMBERSHIP },
      liveSettings: { select: { lobbyEnabled: true, opensBeforeMinutes: true } },
      sessions: {
        where: {
          status: { in: ["scheduled", "open"] },
          startsAt: { gte: starts.startsAfter },
          OR: [{ status: "open" }, { startsAt: { lte: starts.startsBefore } }],
        },
        select: {
          ...SESSION,
          admissions: { where: { membership: { userId } }, select: { status: true } },
        },
      },
    },
  });
  if (!row) return null;
  return {
    membership: row.memberships[0] ?? null,
    ...doorSettingsOf(row.liveSettings),
    sessions: row.sessions.map(({ admissions, ...session }) => ({
      session,
      admission: admissions[0]?.status ?? null,
    })),
  };
}
