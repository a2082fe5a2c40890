// Fixture dates relative to the clock, never literal calendar dates: a literal "future" session
// turns into a past one on the day the calendar reaches it, and the suite breaks by itself.

const MINUTE = 60_000;

/** An ISO instant `minutes` after `now`, on a whole minute (as a person would schedule it). */
export function minutesFromNow(minutes: number, now: Date = new Date()): string {
  const whole = Math.ceil(now.getTime() / MINUTE) * MINUTE;
  return new Date(whole + minutes * MINUTE).toISOString();
}

/** An ISO instant `days` after `now`, on a whole minute. */
export function daysFromNow(days: number, now: Date = new Date()): string {
  return minutesFromNow(days * 24 * 60, now);
}

/** "YYYY-MM-DD HH:MM" in a time zone, as the attendance CSV writes times. */
export function localMinute(iso: string, timeZone = "Europe/Helsinki"): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((candidate) => candidate.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")}`;
}
