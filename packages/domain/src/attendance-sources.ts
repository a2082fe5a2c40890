// Attendance from two sources: LiveKit's webhooks ("video") and Piiri's own sockets
// ("presence": admitted into the session room, not waiting in the lobby). Either can be missing —
// no LiveKit, video off, a webhook lost, a node that crashed — so a member's time is the union of
// both, and of every device and API node, with overlaps counted once.
import type { AttendanceSource } from "@piiri/protocol/live";
import { summarizeAttendance, type Interval } from "./live-attendance.ts";

/** How often each API node confirms that its open presence intervals are still live. */
export const PRESENCE_HEARTBEAT_MS = 30_000;
/**
 * Another node's open interval is dangling (its node crashed, was killed or lost the database)
 * once this many of our own heartbeats in a row found it unconfirmed. Counting our own beats,
 * not comparing clocks, keeps two nodes whose clocks disagree from closing each other's rows.
 */
export const PRESENCE_MISSED_HEARTBEATS = 3;

/**
 * Union of intervals: sorted, disjoint, touching ones joined. An open interval (leftAt null)
 * runs until `until` and leaves its merged interval open. An interval that ends before it starts
 * (clocks of two machines disagreeing) counts as the instant it started.
 */
export function mergeIntervals(intervals: readonly Interval[], until: Date): Interval[] {
  const spans = intervals
    .map((interval) => {
      const start = interval.joinedAt.getTime();
      const end = Math.max(start, (interval.leftAt ?? until).getTime());
      return { start, end, open: interval.leftAt === null };
    })
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Array<{ start: number; end: number; open: boolean }> = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) {
      last.end = Math.max(last.end, span.end);
      last.open ||= span.open;
    } else {
      merged.push({ ...span });
    }
  }
  return merged.map((span) => ({
    joinedAt: new Date(span.start),
    leftAt: span.open ? null : new Date(span.end),
  }));
}

export interface CombinedAttendance {
  /** Both sources merged (see mergeIntervals). */
  intervals: Interval[];
  source: AttendanceSource | null;
  firstJoinedAt: Date | null;
  /** Null when never there or still there. */
  lastLeftAt: Date | null;
  totalMs: number;
  totalMinutes: number;
  videoMinutes: number;
  presenceMinutes: number;
}

function sourceOf(video: boolean, presence: boolean): AttendanceSource | null {
  if (video && presence) return "both";
  if (video) return "video";
  return presence ? "presence" : null;
}

/**
 * One member's attendance in one session from both sources, open intervals counted until
 * `until` (the server's now). The total is the time covered by either source, never their sum.
 */
export function combineAttendance(
  sources: { video: readonly Interval[]; presence: readonly Interval[] },
  until: Date,
): CombinedAttendance {
  const intervals = mergeIntervals([...sources.video, ...sources.presence], until);
  const summary = summarizeAttendance(intervals, until);
  return {
    intervals,
    source: sourceOf(sources.video.length > 0, sources.presence.length > 0),
    firstJoinedAt: summary.firstJoinedAt,
    lastLeftAt: summary.lastLeftAt,
    totalMs: summary.totalMs,
    totalMinutes: summary.totalMinutes,
    videoMinutes: summarizeAttendance(sources.video, until).totalMinutes,
    presenceMinutes: summarizeAttendance(sources.presence, until).totalMinutes,
  };
}

// ---- presence intervals as API nodes keep them ----

/**
 * What a node does for one member of one session after any change there, from the number of
 * that member's sockets on this node that are in the session now (counted from the sockets
 * themselves, never from a counter that could drift) and whether this node has an interval open.
 * Each node keeps its own interval per member; two devices on two nodes give two overlapping
 * intervals, which mergeIntervals counts once.
 */
export function presenceStep(intervalOpen: boolean, socketsHere: number): "open" | "close" | null {
  if (socketsHere > 0) return intervalOpen ? null : "open";
  return intervalOpen ? "close" : null;
}

/** A presence interval as stored: by one API node, confirmed by its heartbeat at `seenAt`. */
export interface StoredPresenceInterval {
  id: string;
  nodeId: string;
  startedAt: Date;
  endedAt: Date | null;
  seenAt: Date;
}

/**
 * When a dangling interval closes: at its node's last confirmation (the person was last known
 * to be there then), never before it started.
 */
export function lastConfirmed(interval: StoredPresenceInterval): Date {
  return new Date(Math.max(interval.startedAt.getTime(), interval.seenAt.getTime()));
}

/** What one node remembers of another node's open interval between its own heartbeats. */
export interface ForeignWatch {
  seenAt: number;
  /** How many of our heartbeats in a row found it unconfirmed. */
  missed: number;
}

/**
 * One heartbeat's look at the other nodes' open intervals: those unconfirmed for
 * PRESENCE_MISSED_HEARTBEATS of our beats in a row are dangling and close at their last
 * confirmation; the rest are watched until the next beat (closed ones are forgotten).
 */
export function watchForeignIntervals(
  previous: ReadonlyMap<string, ForeignWatch>,
  open: readonly StoredPresenceInterval[],
): { watching: Map<string, ForeignWatch>; dangling: Array<{ id: string; end: Date }> } {
  const watching = new Map<string, ForeignWatch>();
  const dangling: Array<{ id: string; end: Date }> = [];
  for (const interval of open) {
    if (interval.endedAt !== null) continue;
    const seenAt = interval.seenAt.getTime();
    const before = previous.get(interval.id);
    const missed = before?.seenAt === seenAt ? before.missed + 1 : 0;
    if (missed >= PRESENCE_MISSED_HEARTBEATS) {
      dangling.push({ id: interval.id, end: lastConfirmed(interval) });
    } else {
      watching.set(interval.id, { seenAt, missed });
    }
  }
  return { watching, dangling };
}

/**
 * A stored presence interval as attendance. An interval still open after the session is over was
 * left by a node that stopped before the end reached it: it counts until its last confirmation.
 */
export function presenceAttendanceInterval(
  interval: StoredPresenceInterval,
  sessionOver: boolean,
): Interval {
  if (interval.endedAt !== null) return { joinedAt: interval.startedAt, leftAt: interval.endedAt };
  if (!sessionOver) return { joinedAt: interval.startedAt, leftAt: null };
  return { joinedAt: interval.startedAt, leftAt: lastConfirmed(interval) };
}
