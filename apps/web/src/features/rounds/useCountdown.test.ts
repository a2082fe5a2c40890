import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Timer } from "@piiri/protocol/rounds";
import { formatClock } from "./formatClock.ts";
import { countdownStore, msToNextSecond } from "./useCountdown.ts";

const SERVER_START = 1_800_000_000_000;

beforeEach(() => {
  vi.useFakeTimers({ now: SERVER_START - 10 * 60_000 }); // the client's clock is 10 min slow
});
afterEach(() => {
  vi.useRealTimers();
});

describe("countdownStore", () => {
  it("shows the server's remaining time on a client whose clock is ten minutes off", () => {
    let offset = 10 * 60_000;
    const serverNow = () => Date.now() + offset;
    const timer: Timer = { running: true, deadline: SERVER_START + 90_000, durationMs: 90_000 };
    const store = countdownStore(timer, "turn", serverNow, { shown: null });
    const seen: string[] = [];
    const unsubscribe = store.subscribe(() => seen.push(formatClock(store.getSnapshot() ?? 0)));
    expect(formatClock(store.getSnapshot() ?? 0)).toBe("1:30");
    // Updates land 1 ms after each second boundary.
    vi.advanceTimersByTime(30_001);
    expect(formatClock(store.getSnapshot() ?? 0)).toBe("1:00");
    // A better estimate arrives that puts the server 400 ms *earlier*: raw time would go back
    // up by 400 ms. The display holds instead of jumping backwards.
    const before = store.getSnapshot() ?? 0;
    offset -= 400;
    vi.advanceTimersByTime(200);
    expect(store.getSnapshot() ?? 0).toBeLessThanOrEqual(before);
    vi.advanceTimersByTime(60_000 + 12_000);
    // Over time is shown, not cut off at zero.
    expect(formatClock(store.getSnapshot() ?? 0)).toMatch(/^\+0:1[12]$/);
    unsubscribe();
    // Every second was shown once, in order, never backwards.
    const values = seen.map((label) =>
      label.startsWith("+")
        ? -Number(label.slice(3))
        : Number(label.split(":")[0]) * 60 + Number(label.split(":")[1]),
    );
    for (let i = 1; i < values.length; i++) {
      expect(values[i] ?? 0).toBeLessThanOrEqual(values[i - 1] ?? 0);
    }
  });

  it("stands still while paused and shows the paused remaining time", () => {
    const timer: Timer = { running: false, remainingMs: 42_000, overtimeMs: 0, durationMs: 60_000 };
    const store = countdownStore(timer, "turn", () => null, { shown: null });
    const onChange = vi.fn();
    const unsubscribe = store.subscribe(onChange);
    vi.advanceTimersByTime(10_000);
    expect(store.getSnapshot()).toBe(42_000);
    expect(onChange).not.toHaveBeenCalled();
    unsubscribe();
  });

  it("shows nothing for a running countdown until the clock is synchronised", () => {
    let synced = false;
    const timer: Timer = { running: true, deadline: SERVER_START + 5_000, durationMs: 5_000 };
    const store = countdownStore(timer, "turn", () => (synced ? SERVER_START : null), {
      shown: null,
    });
    const unsubscribe = store.subscribe(() => undefined);
    expect(store.getSnapshot()).toBeNull();
    synced = true;
    vi.advanceTimersByTime(150);
    expect(store.getSnapshot()).toBe(5_000);
    unsubscribe();
  });

  it("a new countdown (next turn, extension) may show more time; the same one never does", () => {
    const memory = { shown: null };
    let now = SERVER_START;
    const first: Timer = { running: true, deadline: SERVER_START + 10_000, durationMs: 10_000 };
    expect(countdownStore(first, "turn|r1|1", () => now, memory).getSnapshot()).toBe(10_000);
    now -= 300; // the estimate moved back: same countdown, held at 10 000
    expect(countdownStore(first, "turn|r1|1", () => now, memory).getSnapshot()).toBe(10_000);
    const extended: Timer = { running: true, deadline: SERVER_START + 70_000, durationMs: 70_000 };
    expect(countdownStore(extended, "turn|r1|1", () => now, memory).getSnapshot()).toBe(70_300);
  });
});

describe("msToNextSecond", () => {
  it("waits exactly until the shown second changes", () => {
    expect(msToNextSecond(4_250)).toBe(251);
    expect(msToNextSecond(4_000)).toBe(1_001);
    expect(msToNextSecond(-250)).toBe(751);
  });
});
