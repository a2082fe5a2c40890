import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { EMPTY_RATE_WINDOW, tryAccept } from "./live-rate.ts";

const limits = { burst: 5, windowMs: 5000 };

describe("tryAccept", () => {
  it("accepts a burst, refuses the next, accepts again once the window moved on", () => {
    let window = EMPTY_RATE_WINDOW;
    for (let i = 0; i < 5; i += 1) {
      const result = tryAccept(window, 1000 + i, limits);
      expect(result.allowed).toBe(true);
      window = result.window;
    }
    expect(tryAccept(window, 1010, limits).allowed).toBe(false);
    expect(tryAccept(window, 1000 + 5000, limits).allowed).toBe(true);
  });
  it("never accepts more than `burst` within any window", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2000 }), { maxLength: 200 }), (gaps) => {
        let window = EMPTY_RATE_WINDOW;
        let now = 0;
        const accepted: number[] = [];
        for (const gap of gaps) {
          now += gap;
          const result = tryAccept(window, now, limits);
          window = result.window;
          if (result.allowed) accepted.push(now);
        }
        for (const start of accepted) {
          const inWindow = accepted.filter((t) => t >= start && t < start + limits.windowMs);
          expect(inWindow.length).toBeLessThanOrEqual(limits.burst);
        }
      }),
    );
  });
});
