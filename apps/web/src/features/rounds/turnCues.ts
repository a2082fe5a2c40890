import type { AgendaState } from "@piiri/protocol/rounds";

/** The seconds mark from which the rest of a turn is announced (issue 4: the last 30 seconds). */
export const LAST_SECONDS_MS = 30_000;

/** What the announcer compares between renders: who speaks in which turn of which round. */
export interface TurnMarker {
  roundId: string;
  turnNumber: number;
  speakerId: string | null;
  nextId: string | null;
  ended: boolean;
}

export function turnMarker(state: AgendaState | null): TurnMarker | null {
  const round = state?.round;
  if (!round) return null;
  const speaker = round.current === null ? null : round.speakers[round.current];
  const next =
    round.current === null
      ? undefined
      : round.speakers.slice(round.current + 1).find((s) => s.present && s.outcome === "pending");
  return {
    roundId: round.id,
    turnNumber: round.turnNumber,
    speakerId: speaker?.membershipId ?? null,
    nextId: next?.membershipId ?? null,
    ended: round.status === "ended",
  };
}

export type TurnChange =
  { kind: "none" } | { kind: "turn"; speakerId: string; nextId: string | null } | { kind: "ended" };

/**
 * Whether the turn changed between two states as seen by this client: a new round, a new turn
 * number, or the round ending. The first state a client sees (joining late, reconnecting) is
 * announced too, so a screen-reader user knows where things stand.
 */
export function turnChange(previous: TurnMarker | null, current: TurnMarker | null): TurnChange {
  if (!current) return { kind: "none" };
  const sameRound = previous?.roundId === current.roundId;
  if (current.ended) return sameRound && !previous.ended ? { kind: "ended" } : { kind: "none" };
  if (sameRound && previous.turnNumber === current.turnNumber && !previous.ended) {
    return { kind: "none" };
  }
  return current.speakerId
    ? { kind: "turn", speakerId: current.speakerId, nextId: current.nextId }
    : { kind: "none" };
}

/**
 * Whether a countdown just crossed a mark this client should react to: into the last 30
 * seconds (announce), or to zero (announce "time up" and play the chime). Only crossings count,
 * so a client joining with 10 s left does not announce "30 seconds" or chime at once.
 */
export function crossedMark(
  previousMs: number | null,
  currentMs: number | null,
): "lastSeconds" | "timeUp" | null {
  if (previousMs === null || currentMs === null) return null;
  if (previousMs > 0 && currentMs <= 0) return "timeUp";
  if (previousMs > LAST_SECONDS_MS && currentMs <= LAST_SECONDS_MS && currentMs > 0) {
    return "lastSeconds";
  }
  return null;
}
