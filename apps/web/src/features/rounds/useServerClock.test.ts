import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ClockSampler } from "./clockSampler.ts";
import {
  BURST_SAMPLES,
  BURST_SPACING_MS,
  RESAMPLE_EVERY_MS,
  startClockSampling,
} from "./useServerClock.ts";

/**
 * A simulated line to the server: the server's clock runs `skewMs` ahead of (or behind) the
 * client's; each round trip takes `uplink` + `downlink` ms of fake time.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function simulatedServer(skewMs: number, delays: Array<[uplink: number, downlink: number]>) {
  let trip = 0;
  return async (): Promise<number> => {
    const [up, down] = delays[trip % delays.length] ?? [5, 5];
    trip += 1;
    await sleep(up);
    const serverNow = Date.now() + skewMs;
    await sleep(down);
    return serverNow;
  };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_800_000_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("startClockSampling", () => {
  it("estimates a ten-minute skew to within half the best round trip", async () => {
    const skew = 10 * 60_000;
    const sampler = new ClockSampler();
    // Asymmetric, jittery delays; the 4 ms round trip (2 + 2) is the best.
    const sync = simulatedServer(skew, [
      [40, 5],
      [2, 2],
      [5, 90],
      [30, 30],
      [12, 3],
    ]);
    const stop = startClockSampling(
      sampler,
      sync,
      () => Date.now(),
      () => undefined,
    );
    await vi.advanceTimersByTimeAsync(BURST_SAMPLES * (BURST_SPACING_MS + 200));
    stop();
    expect(sampler.sampleCount).toBe(BURST_SAMPLES);
    expect(sampler.rttMs).toBe(4);
    const error = Math.abs((sampler.serverNow(Date.now()) ?? 0) - (Date.now() + skew));
    expect(error).toBeLessThanOrEqual(2);
  });

  it("works the same for a clock that is behind", async () => {
    const skew = -10 * 60_000;
    const sampler = new ClockSampler();
    const stop = startClockSampling(
      sampler,
      simulatedServer(skew, [[10, 30]]),
      () => Date.now(),
      () => undefined,
    );
    await vi.advanceTimersByTimeAsync(1_000);
    stop();
    // Asymmetric 10/30 ms: the NTP midpoint is off by (30 - 10) / 2 = 10 ms, never more.
    expect(Math.abs((sampler.offsetMs ?? 0) - skew)).toBeLessThanOrEqual(10);
  });

  it("takes a burst at start, then one sample every half minute", async () => {
    const sampler = new ClockSampler();
    const sync = vi.fn(simulatedServer(0, [[1, 1]]));
    const updates = vi.fn();
    const stop = startClockSampling(sampler, sync, () => Date.now(), updates);
    await vi.advanceTimersByTimeAsync(BURST_SAMPLES * (BURST_SPACING_MS + 2) + 10);
    expect(sync).toHaveBeenCalledTimes(BURST_SAMPLES);
    await vi.advanceTimersByTimeAsync(RESAMPLE_EVERY_MS);
    expect(sync).toHaveBeenCalledTimes(BURST_SAMPLES + 1);
    stop();
    await vi.advanceTimersByTimeAsync(RESAMPLE_EVERY_MS * 3);
    expect(sync).toHaveBeenCalledTimes(BURST_SAMPLES + 1);
    expect(updates).toHaveBeenCalledTimes(BURST_SAMPLES + 1);
  });

  it("keeps going when a sync fails, and ignores answers after stop", async () => {
    const sampler = new ClockSampler();
    let calls = 0;
    const sync = async () => {
      calls += 1;
      await sleep(1);
      return calls === 1 ? null : Date.now() + 500;
    };
    const stop = startClockSampling(
      sampler,
      sync,
      () => Date.now(),
      () => undefined,
    );
    await vi.advanceTimersByTimeAsync(BURST_SAMPLES * (BURST_SPACING_MS + 2));
    expect(sampler.sampleCount).toBe(BURST_SAMPLES - 1);
    stop();
    expect(Math.abs((sampler.offsetMs ?? 0) - 500)).toBeLessThanOrEqual(1);
  });

  it("a new run (reconnect) replaces the old line's samples once its first answer arrives", async () => {
    const sampler = new ClockSampler();
    const first = startClockSampling(
      sampler,
      simulatedServer(1_000, [[1, 1]]),
      () => Date.now(),
      () => undefined,
    );
    await vi.advanceTimersByTimeAsync(2_000);
    first();
    expect(Math.abs((sampler.offsetMs ?? 0) - 1_000)).toBeLessThanOrEqual(1);
    // Another API node whose clock differs: the old estimate is kept until the new one exists.
    const second = startClockSampling(
      sampler,
      simulatedServer(3_000, [[50, 50]]),
      () => Date.now(),
      () => undefined,
    );
    expect(Math.abs((sampler.offsetMs ?? 0) - 1_000)).toBeLessThanOrEqual(1);
    await vi.advanceTimersByTimeAsync(2_000);
    second();
    // The old 2 ms round trips no longer win over the new node's 100 ms ones.
    expect(Math.abs((sampler.offsetMs ?? 0) - 3_000)).toBeLessThanOrEqual(1);
  });
});
