// Builds attendance reports from both sources: LiveKit's webhook facts (video) and Piiri's own
// presence intervals (pure rules in @piiri/domain: live-attendance, attendance-sources).
import {
  combineAttendance,
  presenceAttendanceInterval,
  type CombinedAttendance,
} from "@piiri/domain/attendance-sources";
import { attendanceIntervals, type Interval } from "@piiri/domain/live-attendance";
import type { AttendanceCsvRow } from "@piiri/domain/attendance-csv";
import { isSessionJoinable } from "@piiri/domain/schedule";
import {
  listAttendanceEvents,
  listGroupMembers,
  type GroupMember,
  type SessionForAttendance,
} from "@piiri/db/repositories/live";
import { listPresenceIntervals } from "@piiri/db/repositories/presence-intervals";
import type { PrismaClient } from "@piiri/db/client";
import type { AttendanceRow, SessionAttendance } from "@piiri/protocol/live";

interface MemberAttendance {
  member: GroupMember;
  session: SessionForAttendance;
  attendance: CombinedAttendance;
}

/** Per session, every current member of the group with both sources combined. */
async function collect(
  prisma: PrismaClient,
  groupId: string,
  sessions: readonly SessionForAttendance[],
  now: Date,
): Promise<MemberAttendance[]> {
  const sessionIds = sessions.map((session) => session.id);
  const [members, events, presence] = await Promise.all([
    listGroupMembers(prisma, groupId),
    listAttendanceEvents(prisma, sessionIds),
    listPresenceIntervals(prisma, sessionIds),
  ]);
  return sessions.flatMap((session) => {
    const video = attendanceIntervals(events.filter((event) => event.sessionId === session.id));
    const present = new Map<string, Interval[]>();
    for (const row of presence) {
      if (row.sessionId !== session.id) continue;
      const list = present.get(row.membershipId) ?? [];
      list.push(presenceAttendanceInterval(row, !isSessionJoinable(session.status)));
      present.set(row.membershipId, list);
    }
    return members.map((member) => ({
      member,
      session,
      attendance: combineAttendance(
        {
          video: video.get(member.membershipId) ?? [],
          presence: present.get(member.membershipId) ?? [],
        },
        now,
      ),
    }));
  });
}

export async function sessionAttendance(
  prisma: PrismaClient,
  session: SessionForAttendance,
  now: Date,
): Promise<{ report: SessionAttendance; csvRows: AttendanceCsvRow[] }> {
  const rows = await collect(prisma, session.groupId, [session], now);
  const members: AttendanceRow[] = rows.map(({ member, attendance }) => ({
    membershipId: member.membershipId,
    displayName: member.displayName,
    role: member.role,
    intervals: attendance.intervals.map((interval) => ({
      joinedAt: interval.joinedAt.toISOString(),
      leftAt: interval.leftAt?.toISOString() ?? null,
    })),
    firstJoinedAt: attendance.firstJoinedAt?.toISOString() ?? null,
    lastLeftAt: attendance.lastLeftAt?.toISOString() ?? null,
    totalMinutes: attendance.totalMinutes,
    source: attendance.source,
    videoMinutes: attendance.videoMinutes,
    presenceMinutes: attendance.presenceMinutes,
  }));
  return {
    report: { sessionId: session.id, startsAt: session.startsAt.toISOString(), members },
    csvRows: rows.map(toCsvRow),
  };
}

/** Across the group's sessions: one row per session and member whom either source saw. */
export async function groupAttendanceCsvRows(
  prisma: PrismaClient,
  groupId: string,
  sessions: readonly SessionForAttendance[],
  now: Date,
): Promise<AttendanceCsvRow[]> {
  const rows = await collect(prisma, groupId, sessions, now);
  return rows.filter((row) => row.attendance.source !== null).map(toCsvRow);
}

function toCsvRow({ member, session, attendance }: MemberAttendance): AttendanceCsvRow {
  return {
    sessionStartsAt: session.startsAt,
    displayName: member.displayName,
    role: member.role,
    firstJoinedAt: attendance.firstJoinedAt,
    lastLeftAt: attendance.lastLeftAt,
    totalMinutes: attendance.totalMinutes,
    source: attendance.source,
    intervals: attendance.intervals,
  };
}
