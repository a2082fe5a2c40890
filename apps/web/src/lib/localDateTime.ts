const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})$/;

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** `+02:00` style offset of a local instant (getTimezoneOffset is minutes *behind* UTC). */
function offsetOf(date: Date): string {
  const minutesAhead = -date.getTimezoneOffset();
  const sign = minutesAhead >= 0 ? "+" : "-";
  const abs = Math.abs(minutesAhead);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * Turns the values of `<input type="date">` and `<input type="time">` (the person's wall clock)
 * into an ISO instant with that zone's offset on that day, e.g. `2026-12-01T09:00:00+02:00`.
 * The offset is the one in force on that date, not today's, so daylight saving is respected.
 * A time that does not exist (skipped by a DST change) moves forward, as the browser does.
 * Returns null for input that is not a real date and time.
 */
export function localDateTimeToIso(date: string, time: string): string | null {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t) return null;
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const local = new Date(year, month - 1, day, hour, minute, 0, 0);
  // Reject 31 February and friends, which Date would silently roll over into March.
  if (local.getMonth() !== month - 1 || local.getDate() !== day) return null;
  return (
    `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}` +
    `T${pad(local.getHours())}:${pad(local.getMinutes())}:00${offsetOf(local)}`
  );
}

/** `YYYY-MM-DD` of a local date, for a date input's value. */
export function toDateInputValue(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A sensible default for the next session: the same weekday in a week's time. */
export function defaultSessionDate(now: Date): string {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 7);
  return toDateInputValue(next);
}

/** The browser's IANA zone name, shown next to time inputs so nobody has to guess. */
export function localTimeZoneName(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
