/**
 * A speaker's or phase's clock as people read it: "4:05" while time is left, "+0:42" once it
 * has run over (over-time is shown, never cut off), "1:02:03" past an hour. Whole seconds,
 * rounded up while counting down so "0:01" is shown until the turn really ends and "0:00" is
 * never shown while time remains.
 */
export function formatClock(remainingMs: number): string {
  if (remainingMs > 0) return clock(Math.ceil(remainingMs / 1000));
  const over = Math.floor(-remainingMs / 1000);
  return over === 0 ? clock(0) : `+${clock(over)}`;
}

function clock(totalSeconds: number): string {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const ss = String(seconds).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${ss}` : `${minutes}:${ss}`;
}

/** Whole seconds still to go (0 when over time): what the screen-reader announcements use. */
export function secondsLeft(remainingMs: number): number {
  return remainingMs > 0 ? Math.ceil(remainingMs / 1000) : 0;
}
