// The one access rule (DESIGN.md): who may be in a session, and who may see a group's content
// (board, snapshots, scale history, previous steps, agenda), now. The API applies it to every
// HTTP route and socket request that reaches that content; nothing else decides it.
import type { MemberRole } from "@piiri/protocol/groups";
import type { SessionStatus } from "@piiri/protocol/sessions";
import { MAX_SESSION_MINUTES } from "@piiri/protocol/sessions";
import { MAX_OPENS_BEFORE_MINUTES } from "@piiri/protocol/live";
import { onJoinRequest, type AdmissionStatus } from "./live-admission.ts";
import { can } from "./permissions.ts";
import { isSessionJoinable, sessionEndsAt } from "./schedule.ts";

/**
 * How long after its scheduled end a session stays open to participants: a session that runs
 * over, goodbyes. After it, participants are taken out and the group's content closes to them.
 */
export const CLOSE_GRACE_MINUTES = 60;

const MINUTE = 60_000;

export interface SessionHours {
  startsAt: Date;
  durationMinutes: number;
  /** "open" once a supervisor or co-supervisor has entered it. */
  status: SessionStatus;
}

/** Whether participants may be in a session now. */
export type Opening =
  { kind: "open"; closesAt: Date } | { kind: "notYet"; opensAt: Date } | { kind: "over" };

/** When the session closes to participants: its scheduled end plus the grace. */
export function sessionClosesAt(session: Omit<SessionHours, "status">): Date {
  return new Date(sessionEndsAt(session).getTime() + CLOSE_GRACE_MINUTES * MINUTE);
}

/**
 * A session is open to participants from `opensBeforeMinutes` before its start, or from the
 * moment a supervisor opened it (status "open"), until it closes; never once it has ended or
 * been cancelled.
 */
export function sessionOpening(
  session: SessionHours,
  opensBeforeMinutes: number,
  now: Date,
): Opening {
  if (!isSessionJoinable(session.status)) return { kind: "over" };
  const closesAt = sessionClosesAt(session);
  if (now.getTime() >= closesAt.getTime()) return { kind: "over" };
  if (session.status === "open") return { kind: "open", closesAt };
  const opensAt = new Date(session.startsAt.getTime() - opensBeforeMinutes * MINUTE);
  if (now.getTime() < opensAt.getTime()) return { kind: "notYet", opensAt };
  return { kind: "open", closesAt };
}

/**
 * Where a member stands with one session now.
 * - "in": may be in the session's room and see the group's content.
 * - "lobby": must wait until a supervisor lets them in (lobby on, not admitted yet).
 * - "notYet": the session has not opened to participants.
 * - "removed": removed from this session, for good.
 * - "over": the session has ended, been cancelled, or closed by time.
 */
export type Standing =
  | { kind: "in" }
  | { kind: "lobby" }
  | { kind: "notYet"; opensAt: Date }
  | { kind: "removed" }
  | { kind: "over" };

export interface StandingFacts {
  role: MemberRole;
  session: SessionHours;
  /** This member's admission in this session (the lobby's record), if any. */
  admission: AdmissionStatus | null;
  lobbyEnabled: boolean;
  opensBeforeMinutes: number;
}

/** Whether a role is in any session at any time, and opens it to participants by entering. */
export function leadsSessions(role: MemberRole): boolean {
  return can(role, "session.open");
}

/**
 * A supervisor or co-supervisor is in any session that can still be joined. A participant is in
 * a session only while it is open, they were not removed from it, and the lobby let them in
 * (or is off).
 */
export function standingIn(facts: StandingFacts, now: Date): Standing {
  if (leadsSessions(facts.role)) {
    return isSessionJoinable(facts.session.status) ? { kind: "in" } : { kind: "over" };
  }
  const opening = sessionOpening(facts.session, facts.opensBeforeMinutes, now);
  if (opening.kind === "over") return { kind: "over" };
  if (facts.admission === "removed") return { kind: "removed" };
  if (opening.kind === "notYet") return opening;
  const door = onJoinRequest(facts.admission, {
    bypassesLobby: false,
    lobbyEnabled: facts.lobbyEnabled,
  });
  return door.kind === "enter" ? { kind: "in" } : { kind: "lobby" };
}

/** Whether a facilitator entering now turns a scheduled session "open" for participants. */
export function opensOnEntry(role: MemberRole, session: SessionHours, now: Date): boolean {
  return (
    leadsSessions(role) &&
    session.status === "scheduled" &&
    now.getTime() < sessionClosesAt(session).getTime()
  );
}

/**
 * Whether a member may see content of this session (its agenda, the previous session's steps):
 * supervisors and co-supervisors always; a participant while "in" the session.
 */
export function maySeeSessionContent(role: MemberRole, standing: Standing): boolean {
  return leadsSessions(role) || standing.kind === "in";
}

/**
 * Whether a member may see the group's content (board, snapshots, scale history), given where
 * they stand in each of the group's sessions that could be open now: supervisors and
 * co-supervisors always; a participant while "in" one of them. Otherwise the refusal that says
 * most: removed, then waiting in a lobby, then the earliest opening to come, then nothing open.
 */
export function groupContentStanding(role: MemberRole, standings: readonly Standing[]): Standing {
  if (leadsSessions(role)) return { kind: "in" };
  const rank = { in: 0, removed: 1, lobby: 2, notYet: 3, over: 4 } as const;
  let best: Standing = { kind: "over" };
  for (const standing of standings) {
    if (rank[standing.kind] < rank[best.kind]) best = standing;
    else if (
      standing.kind === "notYet" &&
      best.kind === "notYet" &&
      standing.opensAt.getTime() < best.opensAt.getTime()
    ) {
      best = standing;
    }
  }
  return best;
}

/**
 * The start times of sessions that could be open to participants at `now` (a cheap database
 * filter; `sessionOpening` decides). A session opened early by a supervisor may start later than
 * `startsBefore`, so status "open" is looked at separately.
 */
export function candidateStarts(now: Date): { startsAfter: Date; startsBefore: Date } {
  return {
    startsAfter: new Date(now.getTime() - (MAX_SESSION_MINUTES + CLOSE_GRACE_MINUTES) * MINUTE),
    startsBefore: new Date(now.getTime() + MAX_OPENS_BEFORE_MINUTES * MINUTE),
  };
}
