// The agenda and timed-rounds state machine (spec: packages/domain/README.md, "Agenda and rounds").
// Pure: no I/O, no clock, no randomness. `now` is the server's clock in epoch ms; ids and shuffle
// seeds are drawn by the caller and passed in the command.
import type { ErrorCode } from "@piiri/protocol/errors";
import {
  MAX_ROUND_SPEAKERS,
  type AgendaPhase,
  type AgendaState,
  type AgendaTemplateKey,
  type Round,
  type RoundOrder,
  type RoundSpeaker,
  type TurnOutcome,
} from "@piiri/protocol/rounds";
import { seededShuffle } from "./shuffle.ts";
import { templatePhases } from "./templates.ts";
import { extendTimer, newTimer, pauseTimer, resumeTimer, shiftTimer } from "./timer.ts";

export interface SpeakerInput {
  membershipId: string;
  displayName: string;
  /** Whether the member is in the session now. */
  present: boolean;
}

export type AgendaCommand =
  | { type: "agenda.set"; phases: readonly AgendaPhase[] }
  | { type: "agenda.applyTemplate"; template: AgendaTemplateKey; ids: readonly string[] }
  | { type: "agenda.startPhase"; phaseId: string }
  | { type: "agenda.nextPhase" }
  | { type: "agenda.extendPhase"; ms: number }
  | { type: "agenda.pause" }
  | { type: "agenda.resume" }
  | { type: "agenda.end" }
  | {
      type: "round.start";
      roundId: string;
      /** The participants in the order given (fixed/custom); shuffled with `seed` if shuffled. */
      speakers: readonly SpeakerInput[];
      order: RoundOrder;
      seed: number;
      turnMs: number;
      autoAdvance: boolean;
      addLateJoiners: boolean;
    }
  | { type: "round.next" }
  | { type: "round.skip" }
  | { type: "round.back" }
  | { type: "round.extend"; ms: number }
  | { type: "round.pass"; membershipId: string }
  | { type: "round.add"; speaker: SpeakerInput }
  | { type: "round.end" }
  /** A member has a socket in the session again; `lateJoiner`: may be added to a round. */
  | { type: "member.joined"; membershipId: string; displayName: string; lateJoiner: boolean }
  /** A member has no socket left in the session. */
  | { type: "member.left"; membershipId: string };

export type AgendaCommandType = AgendaCommand["type"];

export interface AgendaError {
  code: ErrorCode;
  message: string;
}

/** A new state (the same object when nothing changed), or why the command was refused. */
export type ApplyResult =
  | { state: AgendaState; error?: undefined }
  | { error: AgendaError; state?: undefined };

export function initialAgendaState(): AgendaState {
  return { phases: [], status: "planned", current: null, paused: false, round: null };
}

const refuse = (code: ErrorCode, message: string): ApplyResult => ({ error: { code, message } });

/** Applies one command at server time `now` (after catching up with `tick`). */
export function apply(state: AgendaState, command: AgendaCommand, now: number): ApplyResult {
  const base = tick(state, now);
  const result = applyNow(base, command, now);
  // A refused command leaves the state as it was (the caught-up state is not lost either:
  // tick is deterministic, the next call catches up the same way).
  return result;
}

function applyNow(state: AgendaState, command: AgendaCommand, now: number): ApplyResult {
  switch (command.type) {
    case "agenda.set":
      return setPhases(state, command.phases);
    case "agenda.applyTemplate":
      if (state.status !== "planned") {
        return refuse("AGENDA_STARTED", "a template replaces the agenda only before it starts");
      }
      return setPhases(state, templatePhases(command.template, command.ids));
    case "agenda.startPhase":
      return startPhase(state, command.phaseId, now);
    case "agenda.nextPhase": {
      if (state.phases.length === 0) return refuse("PHASE_NOT_FOUND", "the agenda has no phases");
      if (state.status === "ended") return refuse("AGENDA_ENDED", "the agenda has ended");
      const index = state.current
        ? state.phases.findIndex((phase) => phase.id === state.current?.phaseId)
        : -1;
      const next = state.phases[index + 1];
      return next ? startPhase(state, next.id, now) : { state: endAgenda(state) };
    }
    case "agenda.extendPhase": {
      if (!state.current) return refuse("NO_CURRENT_PHASE", "no phase is under way");
      const timer = extendTimer(state.current.timer, command.ms, now);
      return { state: { ...state, current: { ...state.current, timer } } };
    }
    case "agenda.pause": {
      if (!state.current) return refuse("NO_CURRENT_PHASE", "no phase is under way");
      if (state.paused) return { state };
      return {
        state: {
          ...state,
          paused: true,
          current: { ...state.current, timer: pauseTimer(state.current.timer, now) },
          round: state.round?.turn
            ? { ...state.round, turn: pauseTimer(state.round.turn, now) }
            : state.round,
        },
      };
    }
    case "agenda.resume": {
      if (!state.current) return refuse("NO_CURRENT_PHASE", "no phase is under way");
      if (!state.paused) return { state };
      return {
        state: {
          ...state,
          paused: false,
          current: { ...state.current, timer: resumeTimer(state.current.timer, now) },
          round: state.round?.turn
            ? { ...state.round, turn: resumeTimer(state.round.turn, now) }
            : state.round,
        },
      };
    }
    case "agenda.end":
      if (state.status === "ended") return { state };
      return { state: endAgenda(state) };
    case "round.start":
      return startRound(state, command, now);
    case "round.next":
      return withRunningRound(state, (round) => ({
        state: { ...state, round: advance(round, "spoke", now, state.paused) },
      }));
    case "round.skip":
      return withRunningRound(state, (round) => ({
        state: { ...state, round: advance(round, "skipped", now, state.paused) },
      }));
    case "round.pass":
      return withRunningRound(state, (round) => {
        const speaker = round.current === null ? undefined : round.speakers[round.current];
        if (speaker?.membershipId !== command.membershipId) {
          return refuse("NOT_CURRENT_SPEAKER", "only the current speaker may pass");
        }
        return { state: { ...state, round: advance(round, "passed", now, state.paused) } };
      });
    case "round.extend":
      return withRunningRound(state, (round) => {
        if (!round.turn) return refuse("ROUND_NOT_RUNNING", "nobody is speaking");
        return { state: { ...state, round: { ...round, turn: extendTimer(round.turn, command.ms, now) } } };
      });
    case "round.back":
      return back(state, now);
    case "round.add": {
      const round = state.round;
      if (!round || round.status !== "running") return refuse("ROUND_NOT_RUNNING", "no round is running");
      if (round.speakers.some((s) => s.membershipId === command.speaker.membershipId)) {
        return refuse("ALREADY_IN_ROUND", "already in the round");
      }
      if (round.speakers.length >= MAX_ROUND_SPEAKERS) return refuse("ROUND_FULL", "the round is full");
      const speaker: RoundSpeaker = { ...command.speaker, outcome: "pending" };
      return { state: { ...state, round: { ...round, speakers: [...round.speakers, speaker] } } };
    }
    case "round.end": {
      const round = state.round;
      if (!round || round.status !== "running") return refuse("ROUND_NOT_RUNNING", "no round is running");
      return { state: { ...state, round: endRound(round) } };
    }
    case "member.joined":
      return { state: memberJoined(state, command) };
    case "member.left":
      return { state: memberLeft(state, command.membershipId, now) };
  }
}

function setPhases(state: AgendaState, phases: readonly AgendaPhase[]): ApplyResult {
  const ids = new Set(phases.map((phase) => phase.id));
  if (ids.size !== phases.length) return refuse("VALIDATION_FAILED", "phase ids repeat");
  const current = state.current;
  if (!current) return { state: { ...state, phases: [...phases] } };
  const before = state.phases.find((phase) => phase.id === current.phaseId);
  const after = phases.find((phase) => phase.id === current.phaseId);
  if (!after) return refuse("PHASE_IN_PROGRESS", "the current phase cannot be removed");
  const deltaMs = ((after.plannedSeconds) - (before?.plannedSeconds ?? after.plannedSeconds)) * 1000;
  return {
    state: {
      ...state,
      phases: [...phases],
      current: deltaMs === 0 ? current : { ...current, timer: shiftTimer(current.timer, deltaMs) },
    },
  };
}

function startPhase(state: AgendaState, phaseId: string, now: number): ApplyResult {
  const phase = state.phases.find((p) => p.id === phaseId);
  if (!phase) return refuse("PHASE_NOT_FOUND", "no such phase in the agenda");
  return {
    state: {
      ...state,
      status: "running",
      current: { phaseId, timer: newTimer(phase.plannedSeconds * 1000, now, state.paused) },
      round: null,
    },
  };
}

function endAgenda(state: AgendaState): AgendaState {
  return { ...state, status: "ended", current: null, paused: false, round: null };
}

function startRound(
  state: AgendaState,
  command: Extract<AgendaCommand, { type: "round.start" }>,
  now: number,
): ApplyResult {
  if (!state.current) return refuse("NO_CURRENT_PHASE", "start a phase first");
  if (state.round?.status === "running") return refuse("ROUND_ALREADY_RUNNING", "end the round first");
  const seen = new Set<string>();
  const unique = command.speakers.filter((s) => !seen.has(s.membershipId) && seen.add(s.membershipId));
  if (unique.length > MAX_ROUND_SPEAKERS) return refuse("ROUND_FULL", "too many speakers");
  const ordered = command.order === "shuffled" ? seededShuffle(unique, command.seed) : unique;
  const speakers: RoundSpeaker[] = ordered.map((s) => ({
    membershipId: s.membershipId,
    displayName: s.displayName,
    present: s.present,
    outcome: "pending",
  }));
  const first = nextSpeakerIndex(speakers, 0);
  if (first === null) return refuse("ROUND_EMPTY", "nobody present to speak");
  const round: Round = {
    id: command.roundId,
    phaseId: state.current.phaseId,
    order: command.order,
    turnMs: command.turnMs,
    autoAdvance: command.autoAdvance,
    addLateJoiners: command.addLateJoiners,
    speakers: markSkippedBefore(speakers, 0, first),
    current: first,
    turn: newTimer(command.turnMs, now, state.paused),
    turnNumber: 1,
    status: "running",
  };
  return { state: { ...state, round } };
}

function withRunningRound(state: AgendaState, run: (round: Round) => ApplyResult): ApplyResult {
  const round = state.round;
  if (!round || round.status !== "running" || round.current === null) {
    return refuse("ROUND_NOT_RUNNING", "no round is running");
  }
  return run(round);
}

/** The first speaker at or after `from` who is present and still to speak. */
function nextSpeakerIndex(speakers: readonly RoundSpeaker[], from: number): number | null {
  for (let i = from; i < speakers.length; i++) {
    const speaker = speakers[i];
    if (speaker?.present && speaker.outcome === "pending") return i;
  }
  return null;
}

/** Absent speakers passed over on the way from `from` to `to` are skipped. */
function markSkippedBefore(speakers: RoundSpeaker[], from: number, to: number): RoundSpeaker[] {
  return speakers.map((speaker, i) =>
    i >= from && i < to && speaker.outcome === "pending" ? { ...speaker, outcome: "skipped" } : speaker,
  );
}

/** Ends the current turn with `outcome`; the next present speaker's turn starts at `startAt`. */
function advance(round: Round, outcome: TurnOutcome, startAt: number, paused: boolean): Round {
  const current = round.current;
  let speakers = round.speakers;
  if (current !== null) {
    speakers = speakers.map((s, i) => (i === current ? { ...s, outcome } : s));
  }
  const from = current === null ? 0 : current + 1;
  const next = nextSpeakerIndex(speakers, from);
  if (next === null) {
    return endRound({ ...round, speakers: markSkippedBefore(speakers, from, speakers.length) });
  }
  return {
    ...round,
    speakers: markSkippedBefore(speakers, from, next),
    current: next,
    turn: newTimer(round.turnMs, startAt, paused),
    turnNumber: round.turnNumber + 1,
  };
}

function endRound(round: Round): Round {
  return { ...round, status: "ended", current: null, turn: null };
}

/**
 * Back to the previous present speaker, whose turn starts again with full time; the speaker who
 * was interrupted is to speak again. Also reopens a round that has just ended.
 */
function back(state: AgendaState, now: number): ApplyResult {
  const round = state.round;
  if (!round || round.phaseId !== state.current?.phaseId) {
    return refuse("ROUND_NOT_RUNNING", "no round in this phase");
  }
  const from = round.current ?? round.speakers.length;
  let previous: number | null = null;
  for (let i = from - 1; i >= 0; i--) {
    if (round.speakers[i]?.present) {
      previous = i;
      break;
    }
  }
  if (previous === null) return refuse("NO_PREVIOUS_SPEAKER", "nobody spoke before");
  const target = previous;
  const speakers = round.speakers.map((s, i) =>
    i === target || i === round.current ? { ...s, outcome: "pending" as const } : s,
  );
  return {
    state: {
      ...state,
      round: {
        ...round,
        status: "running",
        speakers,
        current: target,
        turn: newTimer(round.turnMs, now, state.paused),
        turnNumber: round.turnNumber + 1,
      },
    },
  };
}

function memberJoined(
  state: AgendaState,
  command: Extract<AgendaCommand, { type: "member.joined" }>,
): AgendaState {
  const round = state.round;
  if (!round) return state;
  const index = round.speakers.findIndex((s) => s.membershipId === command.membershipId);
  if (index >= 0) {
    if (round.speakers[index]?.present) return state;
    return {
      ...state,
      round: {
        ...round,
        speakers: round.speakers.map((s, i) => (i === index ? { ...s, present: true } : s)),
      },
    };
  }
  if (
    round.status !== "running" ||
    !round.addLateJoiners ||
    !command.lateJoiner ||
    round.speakers.length >= MAX_ROUND_SPEAKERS
  ) {
    return state;
  }
  const speaker: RoundSpeaker = {
    membershipId: command.membershipId,
    displayName: command.displayName,
    present: true,
    outcome: "pending",
  };
  return { ...state, round: { ...round, speakers: [...round.speakers, speaker] } };
}

function memberLeft(state: AgendaState, membershipId: string, now: number): AgendaState {
  const round = state.round;
  if (!round) return state;
  const index = round.speakers.findIndex((s) => s.membershipId === membershipId);
  if (index < 0 || !round.speakers[index]?.present) return state;
  const speakers = round.speakers.map((s, i) => (i === index ? { ...s, present: false } : s));
  const left = { ...round, speakers };
  if (round.status === "running" && round.current === index) {
    return { ...state, round: advance(left, "skipped", now, state.paused) };
  }
  return { ...state, round: left };
}

/**
 * Catches up with time: every turn whose deadline has passed advances automatically (unless the
 * round is on manual advance or the clock is paused). The next turn starts at the previous
 * deadline, not at `now`, so a late timer or a server that was down does not stretch turns.
 */
export function tick(state: AgendaState, now: number): AgendaState {
  let round = state.round;
  if (!round) return state;
  while (
    !state.paused &&
    round.status === "running" &&
    round.autoAdvance &&
    round.turn?.running === true &&
    now >= round.turn.deadline
  ) {
    round = advance(round, "spoke", round.turn.deadline, false);
  }
  return round === state.round ? state : { ...state, round };
}

/** When `tick` will next change something (server epoch ms), or null: the server's timer. */
export function nextDeadline(state: AgendaState): number | null {
  const round = state.round;
  if (state.paused || !round || round.status !== "running" || !round.autoAdvance) return null;
  return round.turn?.running ? round.turn.deadline : null;
}
