// A sliding-window rate limit (reactions): at most `burst` events within any `windowMs`.

export interface RateWindow {
  /** Times (ms) of the accepted events still inside the window, oldest first. */
  readonly accepted: readonly number[];
}

export const EMPTY_RATE_WINDOW: RateWindow = { accepted: [] };

export function tryAccept(
  window: RateWindow,
  now: number,
  limits: { burst: number; windowMs: number },
): { allowed: boolean; window: RateWindow } {
  const recent = window.accepted.filter((at) => at > now - limits.windowMs && at <= now);
  if (recent.length >= limits.burst) return { allowed: false, window: { accepted: recent } };
  return { allowed: true, window: { accepted: [...recent, now] } };
}
