// Builds attendance reports from the stored webhook facts (pure rules in @piiri/domain).
import { attendanceIntervals, summarizeAttendance } from "@piiri/domain/live-attendance";
import type { AttendanceCsvRow } from "@piiri/domain/attendance-csv";
import {
  listAttendanceEvents,
  listGroupMembers,
  type GroupMember,
  type SessionForAttendance,
} from "@piiri/db/repositories/live";
import type { PrismaClient } from "@piiri/db/client";
import type { AttendanceRow, SessionAttendance } from "@piiri/protocol/live";

interface MemberAttendance {
  member: GroupMember;
  session: SessionForAttendance;
  intervals: Array<{ joinedAt: Date; leftAt: Date | null }>;
  summary: ReturnType<typeof summarizeAttendance>;
}

/** Per session, every current member of the group with their intervals and totals. */
async function collect(
  prisma: PrismaClient,
  groupId: string,
  sessions: readonly SessionForAttendance[],
  now: Date,
): Promise<MemberAttendance[]> {
  const [members, events] = await Promise.all([
    listGroupMembers(prisma, groupId),
    listAttendanceEvents(
      prisma,
      sessions.map((session) => session.id),
    ),
  ]);
  return sessions.flatMap((session) => {
    const intervals = attendanceIntervals(events.filter((event) => event.sessionId === session.id));
    return members.map((member) => {
      const own = intervals.get(member.membershipId) ?? [];
      return { member, session, intervals: own, summary: summarizeAttendance(own, now) };
    });
  });
}

export async function sessionAttendance(
  prisma: PrismaClient,
  session: SessionForAttendance,
  now: Date,
): Promise<{ report: SessionAttendance; csvRows: AttendanceCsvRow[] }> {
  const rows = await collect(prisma, session.groupId, [session], now);
  const members: AttendanceRow[] = rows.map(({ member, intervals, summary }) => ({
    membershipId: member.membershipId,
    displayName: member.displayName,
    role: member.role,
    intervals: intervals.map((interval) => ({
      joinedAt: interval.joinedAt.toISOString(),
      leftAt: interval.leftAt?.toISOString() ?? null,
    })),
    firstJoinedAt: summary.firstJoinedAt?.toISOString() ?? null,
    lastLeftAt: summary.lastLeftAt?.toISOString() ?? null,
    totalMinutes: summary.totalMinutes,
  }));
  return {
    report: { sessionId: session.id, startsAt: session.startsAt.toISOString(), members },
    csvRows: rows.map(toCsvRow),
  };
}

/** Across the group's sessions: one row per session and member who attended it. */
export async function groupAttendanceCsvRows(
  prisma: PrismaClient,
  groupId: string,
  sessions: readonly SessionForAttendance[],
  now: Date,
): Promise<AttendanceCsvRow[]> {
  const rows = await collect(prisma, groupId, sessions, now);
  return rows.filter((row) => row.intervals.length > 0).map(toCsvRow);
}

function toCsvRow({ member, session, intervals, summary }: MemberAttendance): AttendanceCsvRow {
  return {
    sessionStartsAt: session.startsAt,
    displayName: member.displayName,
    role: member.role,
    firstJoinedAt: summary.firstJoinedAt,
    lastLeftAt: summary.lastLeftAt,
    totalMinutes: summary.totalMinutes,
    intervals,
  };
}
