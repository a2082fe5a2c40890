import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  PRESENCE_MISSED_HEARTBEATS,
  combineAttendance,
  lastConfirmed,
  mergeIntervals,
  presenceAttendanceInterval,
  presenceStep,
  watchForeignIntervals,
  type ForeignWatch,
} from "./attendance-sources.ts";
import type { Interval } from "./live-attendance.ts";

// Any instant works: these rules only compare times with each other.
const T0 = Date.UTC(2031, 4, 6, 7, 0, 0);
const at = (second: number) => new Date(T0 + second * 1000);
const span = (from: number, to: number | null): Interval => ({
  joinedAt: at(from),
  leftAt: to === null ? null : at(to),
});
const BUDGET = { interruptAfterTimeLimit: 60_000 };

/** Seconds covered by at least one interval, counted second by second (the slow, obvious way). */
function coveredSeconds(intervals: readonly Interval[], until: number): number {
  const covered = new Set<number>();
  for (const interval of intervals) {
    const from = (interval.joinedAt.getTime() - T0) / 1000;
    const to = interval.leftAt === null ? until : (interval.leftAt.getTime() - T0) / 1000;
    for (let second = from; second < to; second += 1) covered.add(second);
  }
  return covered.size;
}

const interval = fc
  .tuple(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 300 }), fc.boolean())
  .map(([from, length, open]) => span(from, open ? null : from + length));

describe("mergeIntervals", () => {
  it("joins overlapping and touching intervals, keeps gaps, keeps an open one open", () => {
    expect(
      mergeIntervals(
        [span(30, 40), span(0, 10), span(5, 20), span(20, 25), span(50, null)],
        at(90),
      ),
    ).toEqual([span(0, 25), span(30, 40), span(50, null)]);
    expect(mergeIntervals([span(0, null), span(10, 20)], at(30))).toEqual([span(0, null)]);
  });

  it("counts an interval that ends before it starts (clock skew) as its start instant", () => {
    expect(mergeIntervals([span(10, 5)], at(30))).toEqual([span(10, 10)]);
  });

  it("is sorted, disjoint, covers exactly the union, and ignores input order", () => {
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 12 }), fc.nat(), (intervals, seed) => {
        const until = 1000;
        const merged = mergeIntervals(intervals, at(until));
        for (let i = 1; i < merged.length; i += 1) {
          const previous = merged[i - 1];
          const current = merged[i];
          if (!previous || !current) throw new Error("unreachable");
          expect(previous.leftAt).not.toBeNull();
          expect(current.joinedAt.getTime()).toBeGreaterThan(previous.leftAt?.getTime() ?? 0);
        }
        expect(coveredSeconds(merged, until)).toBe(coveredSeconds(intervals, until));
        expect(merged.some((m) => m.leftAt === null)).toBe(
          intervals.some((i) => i.leftAt === null),
        );
        const shuffled = [...intervals].sort(
          (a, b) =>
            ((a.joinedAt.getTime() * 31 + seed) % 97) - ((b.joinedAt.getTime() * 31 + seed) % 97),
        );
        expect(mergeIntervals(shuffled, at(until))).toEqual(merged);
        expect(mergeIntervals(merged, at(until))).toEqual(merged);
      }),
      BUDGET,
    );
  });
});

describe("combineAttendance", () => {
  it("with no video at all, presence alone gives the minutes", () => {
    const result = combineAttendance({ video: [], presence: [span(0, 15 * 60)] }, at(3600));
    expect(result).toMatchObject({
      source: "presence",
      totalMinutes: 15,
      videoMinutes: 0,
      presenceMinutes: 15,
      firstJoinedAt: at(0),
      lastLeftAt: at(15 * 60),
    });
  });

  it("counts time seen by both sources once and names both", () => {
    const result = combineAttendance(
      { video: [span(60, 50 * 60)], presence: [span(0, 40 * 60), span(45 * 60, 60 * 60)] },
      at(3600),
    );
    expect(result.source).toBe("both");
    expect(result.totalMinutes).toBe(60);
    expect(result.videoMinutes).toBe(49);
    expect(result.presenceMinutes).toBe(55);
    expect(result.intervals).toEqual([span(0, 60 * 60)]);
  });

  it("says video alone when only LiveKit saw the member, nothing when nobody did", () => {
    expect(combineAttendance({ video: [span(0, null)], presence: [] }, at(600))).toMatchObject({
      source: "video",
      totalMinutes: 10,
      lastLeftAt: null,
    });
    expect(combineAttendance({ video: [], presence: [] }, at(600))).toMatchObject({
      source: null,
      totalMinutes: 0,
      intervals: [],
      firstJoinedAt: null,
    });
  });

  it("is at least each source and at most their sum", () => {
    fc.assert(
      fc.property(
        fc.array(interval, { maxLength: 8 }),
        fc.array(interval, { maxLength: 8 }),
        (video, presence) => {
          const until = at(1000);
          const both = combineAttendance({ video, presence }, until);
          const videoOnly = combineAttendance({ video, presence: [] }, until);
          const presenceOnly = combineAttendance({ video: [], presence }, until);
          expect(both.totalMs).toBeGreaterThanOrEqual(
            Math.max(videoOnly.totalMs, presenceOnly.totalMs),
          );
          expect(both.totalMs).toBeLessThanOrEqual(videoOnly.totalMs + presenceOnly.totalMs);
          // The same time seen by both sources is not counted twice.
          expect(combineAttendance({ video: presence, presence }, until).totalMs).toBe(
            presenceOnly.totalMs,
          );
        },
      ),
      BUDGET,
    );
  });
});

// ---- API nodes recording presence: random interleavings of devices on several nodes ----

interface DeviceEvent {
  /** Seconds since the previous event. */
  gap: number;
  device: number;
  kind: "enter" | "leave";
}

const DEVICES = 4;
const NODES = 2;
const nodeOf = (device: number) => device % NODES;

const deviceEvents = fc.array(
  fc.record({
    gap: fc.integer({ min: 0, max: 120 }),
    device: fc.integer({ min: 0, max: DEVICES - 1 }),
    kind: fc.constantFrom("enter" as const, "leave" as const),
  }),
  { maxLength: 40 },
);

/**
 * Plays events as the API nodes see them: each node counts its own sockets of the member and
 * follows presenceStep, stamping intervals with its own clock (true time + its skew, seconds).
 * The attendance is read `tail` seconds after the last event. Returns the intervals the nodes
 * wrote, the true seconds at least one device was in, and when the attendance is read.
 */
function play(events: readonly DeviceEvent[], skews: readonly number[], tail: number) {
  const inside = new Set<number>();
  const open = new Map<number, number>(); // node → its clock when its interval opened
  const written: Interval[] = [];
  let now = 0;
  let truth = 0;
  for (const event of events) {
    if (inside.size > 0) truth += event.gap;
    now += event.gap;
    if (event.kind === "enter") inside.add(event.device);
    else inside.delete(event.device);
    const node = nodeOf(event.device);
    const here = [...inside].filter((device) => nodeOf(device) === node).length;
    const local = now + (skews[node] ?? 0);
    const step = presenceStep(open.has(node), here);
    if (step === "open") open.set(node, local);
    if (step === "close") {
      written.push(span(open.get(node) ?? local, local));
      open.delete(node);
    }
  }
  if (inside.size > 0) truth += tail;
  for (const since of open.values()) written.push(span(since, null));
  return { written, truth, stillIn: inside.size > 0, until: at(now + tail) };
}

describe("presence recorded by several API nodes", () => {
  it("opens on the first socket a node has of the member, closes on its last", () => {
    expect(presenceStep(false, 1)).toBe("open");
    expect(presenceStep(true, 2)).toBeNull();
    expect(presenceStep(true, 0)).toBe("close");
    expect(presenceStep(false, 0)).toBeNull();
  });

  it("counts two devices on two nodes once: 0–10 min and 5–15 min are 15 minutes", () => {
    const result = combineAttendance(
      { video: [], presence: [span(0, 600), span(300, 900)] },
      at(900),
    );
    expect(result.totalMinutes).toBe(15);
    expect(result.intervals).toEqual([span(0, 900)]);
  });

  it("gives exactly the time at least one device was in, whatever the interleaving", () => {
    fc.assert(
      fc.property(deviceEvents, fc.integer({ min: 0, max: 600 }), (events, tail) => {
        const { written, truth, stillIn, until } = play(events, [0, 0], tail);
        const result = combineAttendance({ video: [], presence: written }, until);
        expect(result.totalMs).toBe(truth * 1000);
        expect(result.intervals.some((i) => i.leftAt === null)).toBe(stillIn);
      }),
      BUDGET,
    );
  });

  it("with node clocks a few seconds apart: never double counted, off by at most the skew", () => {
    fc.assert(
      fc.property(
        deviceEvents,
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: NODES, maxLength: NODES }),
        (events, skews) => {
          const exact = play(events, [0, 0], 60);
          const skewed = play(events, skews, 60);
          const total = combineAttendance(
            { video: [], presence: skewed.written },
            exact.until,
          ).totalMs;
          const maxSkew = Math.max(...skews.map(Math.abs));
          // Moving an interval by s seconds changes the union by at most 2·s.
          const bound = 2 * maxSkew * skewed.written.length * 1000;
          expect(total).toBeGreaterThanOrEqual(0);
          expect(Math.abs(total - exact.truth * 1000)).toBeLessThanOrEqual(bound);
          // Two devices at the same time are never two people's worth of time.
          const elapsed = exact.until.getTime() - T0;
          expect(total).toBeLessThanOrEqual(elapsed + 2 * maxSkew * 1000);
          // LiveKit seeing the same time as presence changes nothing.
          expect(
            combineAttendance({ video: exact.written, presence: exact.written }, exact.until)
              .totalMs,
          ).toBe(exact.truth * 1000);
        },
      ),
      BUDGET,
    );
  });
});

describe("dangling presence intervals", () => {
  const stored = (startedAt: number, seenAt: number, endedAt: number | null = null, id = "i1") => ({
    id,
    nodeId: "node-a",
    startedAt: at(startedAt),
    seenAt: at(seenAt),
    endedAt: endedAt === null ? null : at(endedAt),
  });

  it("closes at the last confirmation, never before the start", () => {
    expect(lastConfirmed(stored(0, 600))).toEqual(at(600));
    // The confirming node's clock was behind the opening one's.
    expect(lastConfirmed(stored(10, 5))).toEqual(at(10));
  });

  it("declares another node's interval dangling after our heartbeats in a row found it unconfirmed", () => {
    let watching = new Map<string, ForeignWatch>();
    const row = stored(0, 600);
    for (let beat = 0; beat < PRESENCE_MISSED_HEARTBEATS; beat += 1) {
      const result = watchForeignIntervals(watching, [row]);
      expect(result.dangling).toEqual([]);
      watching = result.watching;
    }
    expect(watchForeignIntervals(watching, [row]).dangling).toEqual([{ id: "i1", end: at(600) }]);
  });

  it("keeps a confirmed interval open however far the clocks are apart, and forgets closed ones", () => {
    const change = fc.integer({ min: -10_000, max: 10_000 }).filter((delta) => delta !== 0);
    fc.assert(
      fc.property(fc.array(fc.option(change), { maxLength: 30 }), (beats) => {
        let watching = new Map<string, ForeignWatch>();
        let seenAt = 600;
        let unchanged = -1; // the first look knows nothing yet
        for (const delta of beats) {
          // A confirmation moves seenAt, to whatever the other node's clock says (even back).
          if (delta !== null) seenAt += delta;
          unchanged = delta === null ? unchanged + 1 : 0;
          const result = watchForeignIntervals(watching, [stored(0, seenAt)]);
          const dangling = unchanged >= PRESENCE_MISSED_HEARTBEATS;
          expect(result.dangling.length).toBe(dangling ? 1 : 0);
          if (dangling) {
            expect(result.dangling[0]?.end).toEqual(lastConfirmed(stored(0, seenAt)));
            return;
          }
          watching = result.watching;
        }
        expect(watchForeignIntervals(watching, [stored(0, seenAt, seenAt)]).watching.size).toBe(0);
      }),
      BUDGET,
    );
  });

  it("counts an interval left open after the session ended until its last confirmation", () => {
    expect(presenceAttendanceInterval(stored(0, 300), true)).toEqual(span(0, 300));
    expect(presenceAttendanceInterval(stored(0, 300), false)).toEqual(span(0, null));
    expect(presenceAttendanceInterval(stored(0, 300, 200), true)).toEqual(span(0, 200));
  });
});
