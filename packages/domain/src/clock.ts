// Client clock vs. server clock. Clients never decide time: they estimate their offset to the
// server from `clock.sync` round trips and render server deadlines with it. The web and the
// integration tests use this same code.

/**
 * One `clock.sync` round trip: `sentAt` and `receivedAt` on the client's clock, `serverNow` the
 * server's clock when it answered (the server replies at once, so its receive and send instants
 * are taken as the same).
 */
export interface ClockSample {
  sentAt: number;
  serverNow: number;
  receivedAt: number;
}

export interface ClockEstimate {
  /** Add to the client's clock to get the server's: serverNow ≈ Date.now() + offsetMs. */
  offsetMs: number;
  /** Round trip of the sample used; the offset is good to about ±rttMs/2. */
  rttMs: number;
}

/**
 * NTP-style: for each sample offset = ((t1 − t0) + (t2 − t3)) / 2 and delay = t3 − t0 (minus
 * the server's own time, zero here); the sample with the smallest round trip wins, since its
 * offset has the smallest error bound. Null without usable samples.
 */
export function estimateClockOffset(samples: readonly ClockSample[]): ClockEstimate | null {
  let best: ClockEstimate | null = null;
  for (const { sentAt, serverNow, receivedAt } of samples) {
    const rttMs = receivedAt - sentAt;
    if (!Number.isFinite(rttMs) || rttMs < 0) continue;
    const offsetMs = (serverNow - sentAt + (serverNow - receivedAt)) / 2;
    if (best === null || rttMs < best.rttMs) best = { offsetMs, rttMs };
  }
  return best;
}

/** How the countdown is shown: signed, so over-time continues the same line below zero. */
export interface ShownCountdown {
  /** Identifies one countdown (e.g. round id + turn number + deadline); a new key starts fresh. */
  key: string;
  /** Remaining ms (negative: over time). */
  signedMs: number;
}

/**
 * Monotonic smoothing: within one countdown the shown value never goes back up, even when a
 * better clock-offset estimate arrives that would add a few milliseconds. A new countdown (new
 * turn, extension, resume: a new key) may of course show more time.
 */
export function smoothCountdown(
  previous: ShownCountdown | null,
  key: string,
  rawSignedMs: number,
): ShownCountdown {
  if (previous?.key !== key) return { key, signedMs: rawSignedMs };
  return { key, signedMs: Math.min(previous.signedMs, rawSignedMs) };
}
