import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { take, tokenBucket } from "./rate-limit.ts";

describe("token bucket", () => {
  it("allows a burst, then refills at its rate", () => {
    const bucket = tokenBucket(3, 2, 0);
    expect([take(bucket, 1, 0), take(bucket, 1, 0), take(bucket, 1, 0), take(bucket, 1, 0)]).toEqual([true, true, true, false]);
    expect(take(bucket, 1, 400)).toBe(false);
    expect(take(bucket, 1, 500)).toBe(true);
  });
  it("never lets more through than capacity plus the refill over the elapsed time", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }), (gaps) => {
        const bucket = tokenBucket(5, 10, 0);
        let now = 0;
        let passed = 0;
        for (const gap of gaps) {
          now += gap;
          if (take(bucket, 1, now)) passed += 1;
        }
        expect(passed).toBeLessThanOrEqual(5 + Math.floor((now / 1000) * 10));
      }),
    );
  });
});
