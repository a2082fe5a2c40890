// Agenda and timed rounds (issue 4).
// Socket messages of this feature. realtime.ts spreads `RoundRequests` into ClientRequest and
// `RoundEvents` into ServerEvent. Import only *types* from realtime.ts here (a value import
// would be a module cycle).
//
// Time on the wire: every instant is a server timestamp in epoch milliseconds. Clients never
// send time; they estimate their offset to the server with `clock.sync` and render from that.
import { z } from "zod";
import { humanText } from "./text.ts";

// ---- limits ----

export const MAX_PHASES = 40;
export const MAX_ROUND_SPEAKERS = 60;
export const MIN_PHASE_SECONDS = 60;
export const MAX_PHASE_SECONDS = 8 * 60 * 60;
export const MIN_TURN_SECONDS = 10;
export const MAX_TURN_SECONDS = 60 * 60;
export const MAX_EXTEND_SECONDS = 60 * 60;
/** What "extend" adds when the request names no amount: one minute. */
export const DEFAULT_EXTEND_SECONDS = 60;

// ---- building blocks ----

/** How a phase runs: a speaking round, open work, listen-only (the presenter listens), a break. */
export const PhaseKind = z.enum(["round", "open", "listen", "break"]);
export type PhaseKind = z.infer<typeof PhaseKind>;

/**
 * A template phase's stable key (e.g. `supervision.checkIn`): the web translates the title by
 * it. Custom phases have no key and carry the user's title instead.
 */
export const PhaseKey = z.string().regex(/^[a-z][A-Za-z0-9]{0,31}(\.[a-z][A-Za-z0-9]{0,31}){1,3}$/);
export type PhaseKey = z.infer<typeof PhaseKey>;

export const PhaseTitle = humanText(120);

export const AgendaTemplateKey = z.enum(["groupSupervision", "workplaceMediation", "developmentDay"]);
export type AgendaTemplateKey = z.infer<typeof AgendaTemplateKey>;

/** A phase of the agenda as stored and shown. */
export const AgendaPhase = z.object({
  id: z.uuid(),
  key: PhaseKey.nullable(),
  title: PhaseTitle.nullable(),
  kind: PhaseKind,
  plannedSeconds: z.int().min(MIN_PHASE_SECONDS).max(MAX_PHASE_SECONDS),
  /** The member who presents in this phase (case, listen-only reflections), if any. */
  presenterId: z.uuid().nullable(),
});
export type AgendaPhase = z.infer<typeof AgendaPhase>;

/** A phase as a client sends it: new phases may omit the id (the server gives one). */
export const AgendaPhaseInput = AgendaPhase.extend({ id: z.uuid().optional() }).refine(
  (phase) => phase.key !== null || phase.title !== null,
  { message: "a phase needs a template key or a title" },
);
export type AgendaPhaseInput = z.infer<typeof AgendaPhaseInput>;

export const AgendaPhases = z.array(AgendaPhaseInput).max(MAX_PHASES);

/**
 * A countdown. Running: it ends at `deadline` (server epoch ms). Paused: what was left, or how
 * far over time it was when paused; never both non-zero, never negative. `durationMs` is the
 * planned length including extensions (for progress bars).
 */
export const Timer = z.discriminatedUnion("running", [
  z.object({
    running: z.literal(true),
    deadline: z.int(),
    durationMs: z.int().min(0),
  }),
  z.object({
    running: z.literal(false),
    remainingMs: z.int().min(0),
    overtimeMs: z.int().min(0),
    durationMs: z.int().min(0),
  }),
]);
export type Timer = z.infer<typeof Timer>;

export const RoundOrder = z.enum(["fixed", "shuffled", "custom"]);
export type RoundOrder = z.infer<typeof RoundOrder>;

/** What became of a speaker's turn. */
export const TurnOutcome = z.enum(["pending", "spoke", "passed", "skipped"]);
export type TurnOutcome = z.infer<typeof TurnOutcome>;

export const RoundSpeaker = z.object({
  membershipId: z.uuid(),
  displayName: z.string(),
  /** In the session now; absent speakers are skipped when the turn comes to them. */
  present: z.boolean(),
  outcome: TurnOutcome,
});
export type RoundSpeaker = z.infer<typeof RoundSpeaker>;

export const Round = z.object({
  id: z.uuid(),
  phaseId: z.uuid(),
  order: RoundOrder,
  turnMs: z.int().min(0),
  autoAdvance: z.boolean(),
  addLateJoiners: z.boolean(),
  /** The speaking order: every participant of the round exactly once. */
  speakers: z.array(RoundSpeaker).max(MAX_ROUND_SPEAKERS),
  /** Index into `speakers` of who speaks now; null before the first and after the last turn. */
  current: z.int().min(0).nullable(),
  /** The current turn's countdown (null when nobody speaks). */
  turn: Timer.nullable(),
  /** Counts turn changes in this round (1 = the first speaker's turn). */
  turnNumber: z.int().min(0),
  status: z.enum(["running", "ended"]),
});
export type Round = z.infer<typeof Round>;

/** The whole agenda and round state of one session: what every participant sees. */
export const AgendaState = z.object({
  phases: z.array(AgendaPhase).max(MAX_PHASES),
  status: z.enum(["planned", "running", "ended"]),
  /** The phase the group is in, with its countdown. */
  current: z.object({ phaseId: z.uuid(), timer: Timer }).nullable(),
  /** The session clock is paused: the phase's and the turn's timers stand still. */
  paused: z.boolean(),
  round: Round.nullable(),
});
export type AgendaState = z.infer<typeof AgendaState>;

/** Who the live room should spotlight: the current speaker and the listen-only presenters. */
export const Spotlight = z.object({
  speakerId: z.uuid().nullable(),
  listeningIds: z.array(z.uuid()),
});
export type Spotlight = z.infer<typeof Spotlight>;

// ---- client → server ----

const sessionId = z.uuid();
const extendSeconds = z.int().min(1).max(MAX_EXTEND_SECONDS).default(DEFAULT_EXTEND_SECONDS);

/** Ack: `{ ok: true, serverNow }` (server epoch ms). Needs a connected socket, no session. */
export const ClockSyncRequest = z.object({ type: z.literal("clock.sync") });
/** Replaces the agenda. The current phase may be edited but not removed. Ack `{ ok, version }`. */
export const AgendaSetRequest = z.object({
  type: z.literal("agenda.set"),
  sessionId,
  phases: AgendaPhases,
});
/** Replaces the agenda with a template's phases (only while no phase has started). */
export const AgendaApplyTemplateRequest = z.object({
  type: z.literal("agenda.applyTemplate"),
  sessionId,
  template: AgendaTemplateKey,
});
/** Moves the group to a phase (ends a running round); its countdown starts now. */
export const AgendaStartPhaseRequest = z.object({
  type: z.literal("agenda.startPhase"),
  sessionId,
  phaseId: z.uuid(),
});
/** Moves to the phase after the current one (or the first one); after the last it ends. */
export const AgendaNextPhaseRequest = z.object({ type: z.literal("agenda.nextPhase"), sessionId });
export const AgendaExtendPhaseRequest = z.object({
  type: z.literal("agenda.extendPhase"),
  sessionId,
  seconds: extendSeconds,
});
/** Pauses the session clock: the phase's and the current turn's countdowns stand still. */
export const AgendaPauseRequest = z.object({ type: z.literal("agenda.pause"), sessionId });
export const AgendaResumeRequest = z.object({ type: z.literal("agenda.resume"), sessionId });
/** Ends the agenda (and any round): the session's work is done. */
export const AgendaEndRequest = z.object({ type: z.literal("agenda.end"), sessionId });

/**
 * Starts a round in the current phase. `participants` in the wanted order (custom), or omitted:
 * the participants present now, in the participant list's order. `shuffled` shuffles on the
 * server. Ack `{ ok, version }`.
 */
export const RoundStartRequest = z.object({
  type: z.literal("round.start"),
  sessionId,
  participants: z
    .array(z.uuid())
    .min(1)
    .max(MAX_ROUND_SPEAKERS)
    .refine((ids) => new Set(ids).size === ids.length, { message: "participants repeat" })
    .optional(),
  order: RoundOrder.default("fixed"),
  turnSeconds: z.int().min(MIN_TURN_SECONDS).max(MAX_TURN_SECONDS),
  autoAdvance: z.boolean().default(true),
  addLateJoiners: z.boolean().default(true),
});
/** The current speaker has finished: next speaker (supervisor). */
export const RoundNextRequest = z.object({ type: z.literal("round.next"), sessionId });
/** Skip the current speaker (supervisor). */
export const RoundSkipRequest = z.object({ type: z.literal("round.skip"), sessionId });
/** Back to the previous speaker, whose turn starts again (supervisor). */
export const RoundBackRequest = z.object({ type: z.literal("round.back"), sessionId });
export const RoundExtendRequest = z.object({
  type: z.literal("round.extend"),
  sessionId,
  seconds: extendSeconds,
});
/** The current speaker passes their own turn (only the speaker may). */
export const RoundPassRequest = z.object({ type: z.literal("round.pass"), sessionId });
/** Adds a group member at the end of the speaking order. */
export const RoundAddRequest = z.object({
  type: z.literal("round.add"),
  sessionId,
  membershipId: z.uuid(),
});
export const RoundEndRequest = z.object({ type: z.literal("round.end"), sessionId });

export const RoundRequests = [
  ClockSyncRequest,
  AgendaSetRequest,
  AgendaApplyTemplateRequest,
  AgendaStartPhaseRequest,
  AgendaNextPhaseRequest,
  AgendaExtendPhaseRequest,
  AgendaPauseRequest,
  AgendaResumeRequest,
  AgendaEndRequest,
  RoundStartRequest,
  RoundNextRequest,
  RoundSkipRequest,
  RoundBackRequest,
  RoundExtendRequest,
  RoundPassRequest,
  RoundAddRequest,
  RoundEndRequest,
] as const satisfies readonly z.ZodObject[];

/** The request types of this feature. */
export type RoundRequestType = (typeof RoundRequests)[number]["shape"]["type"]["value"];

// ---- server → client ----

/**
 * The full agenda state, sent to the session after every change and to each socket that joins
 * (late joiners, reconnects). `serverNow` is the server's clock when the snapshot was made;
 * `version` only grows, so a client can drop an older snapshot arriving late.
 */
export const AgendaStateEvent = z.object({
  type: z.literal("agenda.state"),
  sessionId,
  version: z.int().min(0),
  serverNow: z.int(),
  state: AgendaState,
  spotlight: Spotlight,
});
export type AgendaStateEvent = z.infer<typeof AgendaStateEvent>;

export const RoundEvents = [AgendaStateEvent] as const satisfies readonly z.ZodObject[];

// ---- HTTP (planning the agenda before the session, from the group page) ----

/** GET /api/sessions/:sessionId/agenda → this; PUT with `AgendaPutBody` → this. */
export const AgendaResponse = z.object({
  sessionId,
  version: z.int().min(0),
  serverNow: z.int(),
  state: AgendaState,
});
export type AgendaResponse = z.infer<typeof AgendaResponse>;

export const AgendaPutBody = z.union([
  z.object({ phases: AgendaPhases }),
  z.object({ template: AgendaTemplateKey }),
]);
export type AgendaPutBody = z.infer<typeof AgendaPutBody>;
