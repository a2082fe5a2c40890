import type { SessionStatus } from "@piiri/protocol/sessions";

export interface ScheduledSession {
  id: string;
  startsAt: Date;
  durationMinutes: number;
  status: SessionStatus;
}

export function sessionEndsAt(session: Pick<ScheduledSession, "startsAt" | "durationMinutes">): Date {
  return new Date(session.startsAt.getTime() + session.durationMinutes * 60_000);
}

/** Ended and cancelled sessions are closed for good; scheduled and open ones can be entered. */
export function isSessionJoinable(status: SessionStatus): boolean {
  return status === "scheduled" || status === "open";
}

/** The session a member should go to next: the earliest joinable one that has not yet ended. */
export function nextSession<T extends ScheduledSession>(sessions: readonly T[], now: Date): T | null {
  let best: T | null = null;
  for (const session of sessions) {
    if (!isSessionJoinable(session.status)) continue;
    if (sessionEndsAt(session).getTime() <= now.getTime()) continue;
    if (best === null || session.startsAt.getTime() < best.startsAt.getTime()) best = session;
  }
  return best;
}
