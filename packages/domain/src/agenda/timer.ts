import type { Timer } from "@piiri/protocol/rounds";

/** A countdown of `durationMs` from `startAt`; created paused (full time kept) when `paused`. */
export function newTimer(durationMs: number, startAt: number, paused: boolean): Timer {
  return paused
    ? { running: false, remainingMs: durationMs, overtimeMs: 0, durationMs }
    : { running: true, deadline: startAt + durationMs, durationMs };
}

/** What is left (or how far over) at `now`; exactly one of the two is non-zero, neither negative. */
export function timeLeft(timer: Timer, now: number): { remainingMs: number; overtimeMs: number } {
  if (!timer.running) return { remainingMs: timer.remainingMs, overtimeMs: timer.overtimeMs };
  const left = timer.deadline - now;
  return { remainingMs: Math.max(0, left), overtimeMs: Math.max(0, -left) };
}

export function pauseTimer(timer: Timer, now: number): Timer {
  if (!timer.running) return timer;
  return { running: false, ...timeLeft(timer, now), durationMs: timer.durationMs };
}

/** Resumes with exactly the time that was left when paused (or the same over-time). */
export function resumeTimer(timer: Timer, now: number): Timer {
  if (timer.running) return timer;
  return {
    running: true,
    deadline: now + timer.remainingMs - timer.overtimeMs,
    durationMs: timer.durationMs,
  };
}

/**
 * Gives `ms` more time. A countdown already over time gets `ms` from now (the speaker is given
 * one more minute), not a minute taken off the over-time.
 */
export function extendTimer(timer: Timer, ms: number, now: number): Timer {
  if (timer.running) {
    const overtime = Math.max(0, now - timer.deadline);
    return {
      running: true,
      deadline: Math.max(timer.deadline, now) + ms,
      durationMs: timer.durationMs + overtime + ms,
    };
  }
  return {
    running: false,
    remainingMs: timer.remainingMs + ms,
    overtimeMs: 0,
    durationMs: timer.durationMs + timer.overtimeMs + ms,
  };
}

/** Moves the end by `deltaMs` (positive or negative): a phase's planned length was edited. */
export function shiftTimer(timer: Timer, deltaMs: number): Timer {
  const durationMs = Math.max(0, timer.durationMs + deltaMs);
  if (timer.running) return { running: true, deadline: timer.deadline + deltaMs, durationMs };
  const net = timer.remainingMs - timer.overtimeMs + deltaMs;
  return { running: false, remainingMs: Math.max(0, net), overtimeMs: Math.max(0, -net), durationMs };
}

/** Remaining ms at `serverNow`, negative when over time: what a countdown shows. */
export function signedRemaining(timer: Timer, serverNow: number): number {
  return timer.running ? timer.deadline - serverNow : timer.remainingMs - timer.overtimeMs;
}

/** Identifies one uninterrupted countdown for `smoothCountdown` (changes on extend/pause/resume). */
export function countdownKey(timer: Timer): string {
  return timer.running ? `r${timer.deadline}` : `p${timer.remainingMs - timer.overtimeMs}`;
}
