// The video connection while the session page is open: one attempt after another (a fresh
// token each time, then a LiveKit room), with an automatic retry after each failure or drop,
// spaced by a capped exponential backoff with jitter. LiveKit resumes short interruptions inside
// one room by itself (its ReconnectPolicy); this loop is for what it gives up on: a full
// disconnect, e.g. the LiveKit server restarting. Pure: time and randomness come in with actions.

/** What the person sees of the video connection, in words (see `video.state.*`). */
export type VideoPhase = "preparing" | "connecting" | "connected" | "reconnecting" | "unavailable";

/** LiveKit's state while a room is mounted (kept free of livekit-client types). */
export type RoomConnection = "connecting" | "connected" | "reconnecting";

/**
 * How a LiveKit room ended for good (its DisconnectReason, in Piiri's words). "dropped" is
 * anything worth trying again: the server went away, the line broke, the tab was frozen.
 */
export type RoomEnd = "dropped" | "elsewhere" | "removed" | "ended";

/**
 * Why no automatic retry is planned: the API refused a token (not admitted, not a member), this
 * member's video opened on another device or tab (trying again would take it back from there),
 * the member was removed, or the session ended. The person can still press retry.
 */
export type VideoStop = "refused" | "elsewhere" | "removed" | "ended";

export type VideoState = {
  /** Each attempt has its own token and room; late events from an earlier one are ignored. */
  attempt: number;
  /** Fetching a token, in a LiveKit room, waiting for the next automatic try, or stopped. */
  step: "token" | "room" | "waiting" | "stopped";
  /** LiveKit's state while `step` is "room" (null until it reports). */
  connection: RoomConnection | null;
  /** Whether video has worked on this page: a later loss is "reconnecting", not "unavailable". */
  everConnected: boolean;
  /** Failed attempts since video last worked: the backoff grows with them. */
  failures: number;
  /** When the next automatic attempt starts (ms on the caller's clock), while waiting. */
  retryAt: number | null;
  /** Why the loop stopped, while stopped. */
  stop: VideoStop | null;
};

/** Time and randomness for one failure: when it happened, and a number in [0, 1). */
export type FailureClock = { now: number; jitter: number };

export type VideoAction =
  /** The person pressed retry: a new attempt now, whatever is going on. */
  | { type: "retry" }
  /** The planned retry time of `attempt` has come. */
  | { type: "due"; attempt: number }
  /** The browser says it is online again: a planned retry starts now. */
  | { type: "online" }
  | { type: "tokenReady"; attempt: number }
  /** The API gave no token; `stop` when it refused for a reason a retry cannot change. */
  | ({ type: "tokenFailed"; attempt: number; stop: VideoStop | null } & FailureClock)
  /** Connecting failed or took too long, or the video code itself failed. */
  | ({ type: "failed"; attempt: number } & FailureClock)
  | { type: "room"; attempt: number; connection: RoomConnection }
  | ({ type: "roomEnded"; attempt: number; end: RoomEnd } & FailureClock);

export const initialVideoState: VideoState = {
  attempt: 0,
  step: "token",
  connection: null,
  everConnected: false,
  failures: 0,
  retryAt: null,
  stop: null,
};

/** The first retry waits about this long; each later one twice as long as the one before… */
export const RETRY_FIRST_MS = 1_000;
/** …up to this (LiveKit's own reconnect policy has already tried for ~45 s before a full drop). */
export const RETRY_MAX_MS = 30_000;

/**
 * How long to wait before the next attempt after `failures` failures in a row (≥ 1): the
 * exponential step, capped, of which the upper half is jittered so that everyone who lost the
 * same server does not come back in the same instant. Grows monotonically: the shortest wait
 * after n failures is the longest after n − 1.
 */
export function retryDelayMs(failures: number, jitter: number): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 30);
  const step = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** exponent);
  const random = Math.min(Math.max(jitter, 0), 1);
  return Math.round(step / 2 + (random * step) / 2);
}

/** An API refusal that retrying cannot change, or null when it is worth trying again. */
export function tokenRefusal(error: { status: number; code: string }): VideoStop | null {
  if (error.code === "REMOVED_FROM_SESSION") return "removed";
  if (error.code === "SESSION_NOT_JOINABLE") return "ended";
  // No answer, a server error, too many requests, a timeout: the API may be back in a moment.
  if (error.status === 0 || error.status >= 500 || error.status < 400) return null;
  if (error.status === 408 || error.status === 429) return null;
  return "refused";
}

function nextAttempt(state: VideoState): VideoState {
  return {
    ...state,
    attempt: state.attempt + 1,
    step: "token",
    connection: null,
    retryAt: null,
    stop: null,
  };
}

function failure(state: VideoState, clock: FailureClock): VideoState {
  const failures = state.failures + 1;
  return {
    ...state,
    step: "waiting",
    connection: null,
    failures,
    retryAt: clock.now + retryDelayMs(failures, clock.jitter),
    stop: null,
  };
}

function stopped(state: VideoState, stop: VideoStop): VideoState {
  return { ...state, step: "stopped", connection: null, retryAt: null, stop };
}

export function videoReducer(state: VideoState, action: VideoAction): VideoState {
  switch (action.type) {
    case "retry":
      return nextAttempt(state);
    case "online":
      return state.step === "waiting" ? nextAttempt(state) : state;
    case "due":
      return state.step === "waiting" && action.attempt === state.attempt
        ? nextAttempt(state)
        : state;
  }
  if (action.attempt !== state.attempt) return state;
  switch (action.type) {
    case "tokenReady":
      return state.step === "token" ? { ...state, step: "room", connection: "connecting" } : state;
    case "tokenFailed":
      if (state.step !== "token") return state;
      return action.stop ? stopped(state, action.stop) : failure(state, action);
    case "failed":
      // Once a room is up, a failure is about a device, not the connection (LiveKit says so).
      if (state.step === "room" && state.connection === "connected") return state;
      return state.step === "token" || state.step === "room" ? failure(state, action) : state;
    case "room": {
      if (state.step !== "room") return state;
      if (action.connection === "connected") {
        return { ...state, connection: "connected", everConnected: true, failures: 0 };
      }
      // LiveKit says "connecting" again while it resumes; keep saying "reconnecting".
      if (action.connection === "connecting" && state.connection === "reconnecting") return state;
      return { ...state, connection: action.connection };
    }
    case "roomEnded":
      if (state.step !== "room") return state;
      return action.end === "dropped" ? failure(state, action) : stopped(state, action.end);
  }
}

/** What the person is told. */
export function videoPhase(state: VideoState): VideoPhase {
  if (state.step === "room" && state.connection === "connected") return "connected";
  if (state.step === "stopped") return "unavailable";
  if (state.everConnected) return "reconnecting";
  if (state.failures > 0) return "unavailable";
  return state.step === "token" ? "preparing" : "connecting";
}

/**
 * What the page does about it by itself: a retry is planned, one is under way now (after an
 * earlier failure), or none (connected, first try, or stopped).
 */
export function videoRetry(state: VideoState): "planned" | "trying" | null {
  if (state.step === "waiting") return "planned";
  if (state.step === "stopped" || videoPhase(state) === "connected") return null;
  return state.failures > 0 || state.everConnected ? "trying" : null;
}

/** True while a LiveKit room should be mounted. */
export function roomIsMounted(state: VideoState): boolean {
  return state.step === "room";
}

/**
 * True while an attempt is on its way in and may hang (fetching a token, or connecting for the
 * first time in this room): the caller gives it a deadline. LiveKit's own resuming has its own.
 */
export function attemptMayHang(state: VideoState): boolean {
  return (
    state.step === "token" ||
    (state.step === "room" &&
      state.connection !== "connected" &&
      state.connection !== "reconnecting")
  );
}
