// What clients and the live room read from an agenda state: derived, never stored.
import type { AgendaPhase, AgendaState, RoundSpeaker, Spotlight } from "@piiri/protocol/rounds";

export function currentPhase(state: AgendaState): AgendaPhase | null {
  const id = state.current?.phaseId;
  return id ? (state.phases.find((phase) => phase.id === id) ?? null) : null;
}

/** Who speaks now (null when no round runs). */
export function currentSpeaker(state: AgendaState): RoundSpeaker | null {
  const round = state.round;
  if (!round || round.status !== "running" || round.current === null) return null;
  return round.speakers[round.current] ?? null;
}

/** Who speaks next as things stand: the next present speaker still to speak. */
export function nextSpeaker(state: AgendaState): RoundSpeaker | null {
  const round = state.round;
  if (!round || round.status !== "running" || round.current === null) return null;
  return (
    round.speakers.slice(round.current + 1).find((s) => s.present && s.outcome === "pending") ?? null
  );
}

/** The current speaker and, in a listen-only phase, the presenter who listens. */
export function spotlightOf(state: AgendaState): Spotlight {
  const phase = currentPhase(state);
  return {
    speakerId: currentSpeaker(state)?.membershipId ?? null,
    listeningIds: phase?.kind === "listen" && phase.presenterId ? [phase.presenterId] : [],
  };
}
