import { estimateClockOffset, type ClockSample } from "@piiri/domain/clock";

/** Samples kept: enough that one slow round trip never decides the estimate alone. */
export const MAX_SAMPLES = 12;

/**
 * Keeps the best estimate of the server's clock from `clock.sync` round trips, NTP-style (the
 * domain's `estimateClockOffset`: the shortest round trip wins). Local times come from a
 * monotonic clock, so a wrong or jumping system clock changes nothing but the offset.
 */
export class ClockSampler {
  private samples: ClockSample[] = [];
  private offset: number | null = null;
  private rtt: number | null = null;

  add(sample: ClockSample): void {
    this.samples.push(sample);
    if (this.samples.length > MAX_SAMPLES) this.samples.shift();
    const estimate = estimateClockOffset(this.samples);
    this.offset = estimate?.offsetMs ?? null;
    this.rtt = estimate?.rttMs ?? null;
  }

  /** A new connection may reach another API node: forget the old line's samples. */
  reset(): void {
    this.samples = [];
    this.offset = null;
    this.rtt = null;
  }

  /** Server epoch ms minus local monotonic ms; null until the first usable sample. */
  get offsetMs(): number | null {
    return this.offset;
  }

  /** Round trip of the sample in use: the offset is good to about ±rttMs/2. */
  get rttMs(): number | null {
    return this.rtt;
  }

  get sampleCount(): number {
    return this.samples.length;
  }

  /** The server's clock now, given the local monotonic clock now. */
  serverNow(localNow: number): number | null {
    return this.offset === null ? null : localNow + this.offset;
  }
}
