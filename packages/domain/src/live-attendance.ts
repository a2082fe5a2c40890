// Attendance from LiveKit's join/leave webhooks: intervals per member and minutes for invoicing.

export type AttendanceEventKind = "joined" | "left" | "room_finished";

export interface AttendanceEvent {
  kind: AttendanceEventKind;
  /** Null for room_finished (the whole room closed). */
  membershipId: string | null;
  occurredAt: Date;
}

export interface Interval {
  joinedAt: Date;
  /** Null while still in the room. */
  leftAt: Date | null;
}

const KIND_ORDER: Record<AttendanceEventKind, number> = { joined: 0, left: 1, room_finished: 2 };

/**
 * Each member's time in the video room. Webhooks may arrive out of order and LiveKit's
 * timestamps have one-second resolution, so events are sorted by time (joins before leaves
 * within the same second). A member can be connected more than once (a reconnect that overlaps
 * the old connection: LiveKit sends the new join before the old leave), so an interval stays
 * open until every connection has left. A leave without a join and a second room_finished
 * change nothing.
 */
export function attendanceIntervals(events: readonly AttendanceEvent[]): Map<string, Interval[]> {
  const sorted = [...events].sort(
    (a, b) =>
      a.occurredAt.getTime() - b.occurredAt.getTime() || KIND_ORDER[a.kind] - KIND_ORDER[b.kind],
  );
  const open = new Map<string, { since: Date; connections: number }>();
  const intervals = new Map<string, Interval[]>();
  const close = (membershipId: string, at: Date) => {
    const current = open.get(membershipId);
    if (!current) return;
    open.delete(membershipId);
    const list = intervals.get(membershipId) ?? [];
    list.push({ joinedAt: current.since, leftAt: at });
    intervals.set(membershipId, list);
  };
  for (const event of sorted) {
    if (event.kind === "room_finished") {
      for (const membershipId of [...open.keys()]) close(membershipId, event.occurredAt);
      continue;
    }
    const membershipId = event.membershipId;
    if (membershipId === null) continue;
    const current = open.get(membershipId);
    if (event.kind === "joined") {
      if (current) current.connections += 1;
      else open.set(membershipId, { since: event.occurredAt, connections: 1 });
    } else if (current) {
      current.connections -= 1;
      if (current.connections === 0) close(membershipId, event.occurredAt);
    }
  }
  for (const [membershipId, current] of open) {
    const list = intervals.get(membershipId) ?? [];
    list.push({ joinedAt: current.since, leftAt: null });
    intervals.set(membershipId, list);
  }
  for (const list of intervals.values()) {
    list.sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime());
  }
  return intervals;
}

export interface AttendanceSummary {
  firstJoinedAt: Date | null;
  /** Null when never joined or still in the room. */
  lastLeftAt: Date | null;
  /** Milliseconds in the room, overlaps counted once; open intervals count until `until`. */
  totalMs: number;
  totalMinutes: number;
}

export function summarizeAttendance(
  intervals: readonly Interval[],
  until: Date,
): AttendanceSummary {
  if (intervals.length === 0) {
    return { firstJoinedAt: null, lastLeftAt: null, totalMs: 0, totalMinutes: 0 };
  }
  const spans = intervals
    .map((interval) => ({
      start: interval.joinedAt.getTime(),
      end: Math.max(interval.joinedAt.getTime(), (interval.leftAt ?? until).getTime()),
    }))
    .sort((a, b) => a.start - b.start);
  let totalMs = 0;
  let currentStart = Number.NaN;
  let currentEnd = Number.NaN;
  for (const span of spans) {
    if (Number.isNaN(currentStart) || span.start > currentEnd) {
      if (!Number.isNaN(currentStart)) totalMs += currentEnd - currentStart;
      currentStart = span.start;
      currentEnd = span.end;
    } else {
      currentEnd = Math.max(currentEnd, span.end);
    }
  }
  totalMs += currentEnd - currentStart;
  const stillIn = intervals.some((interval) => interval.leftAt === null);
  const lastLeft = stillIn
    ? null
    : new Date(Math.max(...intervals.map((interval) => (interval.leftAt as Date).getTime())));
  return {
    firstJoinedAt: new Date(Math.min(...intervals.map((interval) => interval.joinedAt.getTime()))),
    lastLeftAt: lastLeft,
    totalMs,
    totalMinutes: Math.round(totalMs / 60_000),
  };
}
