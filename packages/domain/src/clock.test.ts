import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { estimateClockOffset, smoothCountdown, type ShownCountdown } from "./clock.ts";

describe("estimateClockOffset (C1)", () => {
  it("takes the NTP offset of the sample with the best round trip", () => {
    const samples = [
      { sentAt: 1000, serverNow: 601_100, receivedAt: 1300 }, // rtt 300
      { sentAt: 2000, serverNow: 602_010, receivedAt: 2020 }, // rtt 20
      { sentAt: 3000, serverNow: 603_100, receivedAt: 3100 }, // rtt 100
    ];
    expect(estimateClockOffset(samples)).toEqual({ offsetMs: 600_000, rttMs: 20 });
    expect(estimateClockOffset([])).toBeNull();
    expect(estimateClockOffset([{ sentAt: 5, serverNow: 1, receivedAt: 4 }])).toBeNull();
  });

  it("is within half the best round trip of the true offset, for any skew and any delays", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -86_400_000, max: 86_400_000 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 })), {
          minLength: 1,
          maxLength: 10,
        }),
        (trueOffset, delays) => {
          let clientClock = 1_000_000;
          const samples = delays.map(([up, down]) => {
            const sentAt = clientClock;
            const serverNow = sentAt + up + trueOffset;
            const receivedAt = sentAt + up + down;
            clientClock = receivedAt + 50;
            return { sentAt, serverNow, receivedAt };
          });
          const estimate = estimateClockOffset(samples);
          expect(estimate).not.toBeNull();
          expect(Math.abs(estimate!.offsetMs - trueOffset)).toBeLessThanOrEqual(estimate!.rttMs / 2);
        },
      ),
    );
  });
});

describe("smoothCountdown (C2)", () => {
  it("never shows more time within one countdown, whatever the raw values do", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom("a", "b"), fc.integer({ min: -5_000, max: 60_000 })), { maxLength: 50 }),
        (readings) => {
          let shown: ShownCountdown | null = null;
          for (const [key, raw] of readings) {
            const next = smoothCountdown(shown, key, raw);
            if (shown?.key === key) expect(next.signedMs).toBeLessThanOrEqual(shown.signedMs);
            else expect(next.signedMs).toBe(raw);
            expect(next.signedMs).toBeLessThanOrEqual(raw);
            shown = next;
          }
        },
      ),
    );
  });
});
