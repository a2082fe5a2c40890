import { describe, expect, it } from "vitest";
import { formatClock, secondsLeft } from "./formatClock.ts";

describe("formatClock", () => {
  it("counts down in m:ss, rounding up so the last second still shows 0:01", () => {
    expect(formatClock(245_000)).toBe("4:05");
    expect(formatClock(60_000)).toBe("1:00");
    expect(formatClock(59_001)).toBe("1:00");
    expect(formatClock(1)).toBe("0:01");
    expect(formatClock(999)).toBe("0:01");
  });

  it("shows 0:00 at the deadline and over-time with a plus, not cut off", () => {
    expect(formatClock(0)).toBe("0:00");
    expect(formatClock(-999)).toBe("0:00");
    expect(formatClock(-1_000)).toBe("+0:01");
    expect(formatClock(-42_500)).toBe("+0:42");
    expect(formatClock(-(11 * 60_000 + 5_000))).toBe("+11:05");
  });

  it("adds hours for long phases", () => {
    expect(formatClock(90 * 60_000)).toBe("1:30:00");
    expect(formatClock(-(3_600_000 + 61_000))).toBe("+1:01:01");
  });

  it("never shows the same label for time left and time over", () => {
    for (let ms = -5_000; ms <= 5_000; ms += 250) {
      const label = formatClock(ms);
      if (ms > 0) expect(label.startsWith("+")).toBe(false);
      if (ms <= -1_000) expect(label.startsWith("+")).toBe(true);
    }
  });
});

describe("secondsLeft", () => {
  it("is whole seconds to go and zero once over", () => {
    expect(secondsLeft(30_000)).toBe(30);
    expect(secondsLeft(29_001)).toBe(30);
    expect(secondsLeft(0)).toBe(0);
    expect(secondsLeft(-5_000)).toBe(0);
  });
});
