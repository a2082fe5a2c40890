// Whether this page publishes its microphone and camera when a LiveKit room connects (the
// first time, after a reconnect, in a new room after a full drop). Two things decide it:
// - the person's own wish: the device check's choice, then every deliberate toggle in the room;
// - the supervisor's hold: set when the supervisor turns the source off, kept by the server per
//   session and member (every token answer carries it), lifted only by the person turning that
//   source on again themselves (Zoom and Teams work the same way).
// Nothing turns a held source on by itself. Pure; the order of events is a counter.
import type { LiveMediaSource } from "@piiri/protocol/live";
import type { MediaHolds } from "@piiri/protocol/livekit";

export type MediaSourceIntent = {
  /** The person's own latest choice. */
  wanted: boolean;
  /** The supervisor turned it off, and the person has not turned it on since. */
  held: boolean;
  /** `seq` of the last local change (a toggle or a supervisor's mute seen on this page). */
  changedAt: number;
};

export type MediaIntent = {
  /** Counts local changes, so an answer the server gave before one of them cannot undo it. */
  seq: number;
  microphone: MediaSourceIntent;
  camera: MediaSourceIntent;
};

export type MediaIntentAction =
  /** The person turned a source on or off themselves (a click, not a command). */
  | { type: "toggled"; source: LiveMediaSource; enabled: boolean }
  /** The supervisor turned the source off (the `live.muted` event). */
  | { type: "heldBySupervisor"; source: LiveMediaSource }
  /** A token answer's holds, for a request sent when `seq` was `askedAt`. */
  | { type: "fromServer"; held: MediaHolds; askedAt: number };

export function initialMediaIntent(choices: {
  audioEnabled: boolean;
  videoEnabled: boolean;
}): MediaIntent {
  return {
    seq: 0,
    microphone: { wanted: choices.audioEnabled, held: false, changedAt: 0 },
    camera: { wanted: choices.videoEnabled, held: false, changedAt: 0 },
  };
}

const SOURCES: readonly LiveMediaSource[] = ["microphone", "camera"];

export function mediaIntentReducer(state: MediaIntent, action: MediaIntentAction): MediaIntent {
  switch (action.type) {
    case "toggled": {
      const seq = state.seq + 1;
      const current = state[action.source];
      const next: MediaSourceIntent = action.enabled
        ? { wanted: true, held: false, changedAt: seq }
        : { ...current, wanted: false, changedAt: seq };
      return { ...state, seq, [action.source]: next };
    }
    case "heldBySupervisor": {
      const seq = state.seq + 1;
      return {
        ...state,
        seq,
        [action.source]: { ...state[action.source], held: true, changedAt: seq },
      };
    }
    case "fromServer": {
      let next = state;
      for (const source of SOURCES) {
        const current = next[source];
        // What happened here after the request left is newer than the answer.
        if (current.changedAt > action.askedAt || current.held === action.held[source]) continue;
        next = { ...next, [source]: { ...current, held: action.held[source] } };
      }
      return next;
    }
  }
}

/** What to publish when a room connects: what the person wants, unless the supervisor holds it. */
export function publishOnConnect(state: MediaIntent): Record<LiveMediaSource, boolean> {
  return {
    microphone: state.microphone.wanted && !state.microphone.held,
    camera: state.camera.wanted && !state.camera.held,
  };
}
