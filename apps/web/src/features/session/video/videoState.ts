/** What the person sees of the video connection, in words (see `video.state.*`). */
export type VideoPhase = "preparing" | "connecting" | "connected" | "reconnecting" | "unavailable";

/** LiveKit's connection states, as the stage reports them (kept free of livekit-client types). */
export type RoomConnection = "connecting" | "connected" | "reconnecting" | "disconnected";

export type VideoState = {
  /** Each retry is a new attempt; late events from an earlier room are ignored. */
  attempt: number;
  phase: VideoPhase;
};

export type VideoAction =
  | { type: "retry" }
  | { type: "tokenReady"; attempt: number }
  | { type: "failed"; attempt: number }
  | { type: "room"; attempt: number; connection: RoomConnection };

export const initialVideoState: VideoState = { attempt: 0, phase: "preparing" };

export function videoReducer(state: VideoState, action: VideoAction): VideoState {
  if (action.type === "retry") return { attempt: state.attempt + 1, phase: "preparing" };
  if (action.attempt !== state.attempt || state.phase === "unavailable") return state;
  switch (action.type) {
    case "tokenReady":
      return state.phase === "preparing" ? { ...state, phase: "connecting" } : state;
    case "failed":
      return { ...state, phase: "unavailable" };
    case "room":
      switch (action.connection) {
        case "connecting":
          // LiveKit reports "connecting" again while it resumes; keep saying "reconnecting".
          return state.phase === "reconnecting" ? state : { ...state, phase: "connecting" };
        case "connected":
          return { ...state, phase: "connected" };
        case "reconnecting":
          return { ...state, phase: "reconnecting" };
        case "disconnected":
          // Before the first connect LiveKit also says "disconnected"; only a drop counts.
          return state.phase === "connected" || state.phase === "reconnecting"
            ? { ...state, phase: "unavailable" }
            : state;
      }
  }
}

/** True while LiveKit itself should be mounted and trying. */
export function roomIsMounted(phase: VideoPhase): boolean {
  return phase === "connecting" || phase === "connected" || phase === "reconnecting";
}
