/**
 * A calendar date `days` from today in Helsinki, as the session form's date field takes it
 * ("YYYY-MM-DD"). Relative to today, so a "later session" stays in the future on any date.
 */
export function helsinkiDateInDays(days: number, now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Helsinki",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(now.getTime() + days * 24 * 3_600_000));
}
