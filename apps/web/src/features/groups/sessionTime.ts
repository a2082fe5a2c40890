import { DEFAULT_SESSION_MINUTES } from "@piiri/protocol/sessions";
import { useState } from "react";
import { defaultSessionDate, localDateTimeToIso } from "../../lib/localDateTime.ts";

export type SessionTimeValues = { date: string; time: string; duration: string };

export function initialSessionTime(now: Date): SessionTimeValues {
  return {
    date: defaultSessionDate(now),
    time: "09:00",
    duration: String(DEFAULT_SESSION_MINUTES),
  };
}

/** The values as the API wants them, or null when the date and time are not a real instant. */
export function toScheduleBody(
  values: SessionTimeValues,
): { startsAt: string; durationMinutes: number } | null {
  const startsAt = localDateTimeToIso(values.date, values.time);
  if (!startsAt) return null;
  return { startsAt, durationMinutes: Number(values.duration) };
}

export function useSessionTime(): [SessionTimeValues, (v: SessionTimeValues) => void] {
  return useState(() => initialSessionTime(new Date()));
}
