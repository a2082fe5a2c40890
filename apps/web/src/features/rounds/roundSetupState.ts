import type { PresenceParticipant } from "@piiri/protocol/realtime";
import { MAX_TURN_SECONDS, MIN_TURN_SECONDS, type RoundOrder } from "@piiri/protocol/rounds";
import type { OrderEntry } from "./SpeakerOrderList.tsx";

/**
 * Keeps the supervisor's arrangement while people come and go: those still present keep their
 * place and tick; newcomers join at the end (participants ticked, facilitators not: in a
 * check-in round the supervisor usually listens; nor a presenter who only listens in this
 * phase); those who left drop out.
 */
export function mergeEntries(
  entries: readonly OrderEntry[],
  present: readonly PresenceParticipant[],
  listening: readonly string[] = [],
): readonly OrderEntry[] {
  const here = new Map(present.map((p) => [p.membershipId, p]));
  const kept = entries
    .filter((e) => here.has(e.membershipId))
    .map((e) => ({ ...e, displayName: here.get(e.membershipId)?.displayName ?? e.displayName }));
  const known = new Set(kept.map((e) => e.membershipId));
  const added = present
    .filter((p) => !known.has(p.membershipId))
    .map((p) => ({
      membershipId: p.membershipId,
      displayName: p.displayName,
      included: p.role === "participant" && !listening.includes(p.membershipId),
    }));
  const merged = [...kept, ...added];
  const unchanged =
    merged.length === entries.length &&
    merged.every((e, i) => {
      const before = entries[i];
      return (
        before?.membershipId === e.membershipId &&
        before.displayName === e.displayName &&
        before.included === e.included
      );
    });
  return unchanged ? entries : merged;
}

export interface TurnTime {
  minutes: string;
  seconds: string;
}

/** The turn length in whole seconds, or null when it is not a number within the limits. */
export function turnSeconds({ minutes, seconds }: TurnTime): number | null {
  const m = minutes.trim() === "" ? 0 : Number(minutes);
  const s = seconds.trim() === "" ? 0 : Number(seconds);
  if (!Number.isInteger(m) || !Number.isInteger(s) || m < 0 || s < 0 || s > 59) return null;
  const total = m * 60 + s;
  return total >= MIN_TURN_SECONDS && total <= MAX_TURN_SECONDS ? total : null;
}

export interface RoundSetupValues {
  order: RoundOrder;
  entries: readonly OrderEntry[];
  turn: TurnTime;
  autoAdvance: boolean;
  addLateJoiners: boolean;
}

export type RoundStartMessage = {
  type: "round.start";
  sessionId: string;
  participants: string[];
  order: RoundOrder;
  turnSeconds: number;
  autoAdvance: boolean;
  addLateJoiners: boolean;
};

/** The `round.start` request for the form, or why it cannot be sent yet. */
export function roundStartMessage(
  sessionId: string,
  values: RoundSetupValues,
): { message: RoundStartMessage } | { problem: "turn" | "nobody" } {
  const seconds = turnSeconds(values.turn);
  if (seconds === null) return { problem: "turn" };
  const participants = values.entries.filter((e) => e.included).map((e) => e.membershipId);
  if (participants.length === 0) return { problem: "nobody" };
  return {
    message: {
      type: "round.start",
      sessionId,
      participants,
      order: values.order,
      turnSeconds: seconds,
      autoAdvance: values.autoAdvance,
      addLateJoiners: values.addLateJoiners,
    },
  };
}
