import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  attendanceIntervals,
  summarizeAttendance,
  type AttendanceEvent,
} from "./live-attendance.ts";

const t = (minute: number) => new Date(Date.UTC(2026, 11, 1, 7, minute));
const ev = (
  kind: AttendanceEvent["kind"],
  membershipId: string | null,
  minute: number,
): AttendanceEvent => ({
  kind,
  membershipId,
  occurredAt: t(minute),
});

describe("attendanceIntervals", () => {
  it("pairs joins and leaves per member, closes open ones on room_finished", () => {
    const result = attendanceIntervals([
      ev("joined", "a", 0),
      ev("joined", "b", 5),
      ev("left", "a", 30),
      ev("joined", "a", 35),
      ev("room_finished", null, 90),
      ev("left", "b", 95),
    ]);
    expect(result.get("a")).toEqual([
      { joinedAt: t(0), leftAt: t(30) },
      { joinedAt: t(35), leftAt: t(90) },
    ]);
    expect(result.get("b")).toEqual([{ joinedAt: t(5), leftAt: t(90) }]);
  });
  it("keeps an interval open across an overlapping reconnect", () => {
    const result = attendanceIntervals([
      ev("joined", "a", 0),
      ev("joined", "a", 10),
      ev("left", "a", 11),
    ]);
    expect(result.get("a")).toEqual([{ joinedAt: t(0), leftAt: null }]);
  });
  it("gives the same intervals whatever order the webhooks arrive in", () => {
    const events = [
      ev("joined", "a", 0),
      ev("left", "a", 20),
      ev("joined", "a", 25),
      ev("left", "a", 60),
    ];
    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: 4, maxLength: 4 }), (shuffled) => {
        expect(attendanceIntervals(shuffled)).toEqual(attendanceIntervals(events));
      }),
    );
  });
});

describe("summarizeAttendance", () => {
  it("counts overlaps once and open intervals until `until`", () => {
    const summary = summarizeAttendance(
      [
        { joinedAt: t(0), leftAt: t(30) },
        { joinedAt: t(20), leftAt: t(40) },
        { joinedAt: t(50), leftAt: null },
      ],
      t(60),
    );
    expect(summary.totalMinutes).toBe(50);
    expect(summary.firstJoinedAt).toEqual(t(0));
    expect(summary.lastLeftAt).toBeNull();
  });
  it("total never exceeds the span from first join to the end, nor is negative", () => {
    const interval = fc
      .tuple(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 60 }))
      .map(([start, length]) => ({ joinedAt: t(start), leftAt: t(start + length) }));
    fc.assert(
      fc.property(fc.array(interval, { minLength: 1 }), (intervals) => {
        const summary = summarizeAttendance(intervals, t(200));
        const first = Math.min(...intervals.map((i) => i.joinedAt.getTime()));
        const last = Math.max(...intervals.map((i) => i.leftAt.getTime()));
        expect(summary.totalMs).toBeGreaterThanOrEqual(0);
        expect(summary.totalMs).toBeLessThanOrEqual(last - first);
        expect(summary.totalMs).toBeGreaterThanOrEqual(
          Math.max(...intervals.map((i) => i.leftAt.getTime() - i.joinedAt.getTime())),
        );
      }),
    );
  });
});
