import type { PresenceParticipant, ServerEvent } from "@piiri/protocol/realtime";
import type { ApiErrorCode } from "../../lib/apiError.ts";

export type PresenceStatus = "connecting" | "joined" | "reconnecting" | "refused";

export type PresenceState = {
  status: PresenceStatus;
  participants: PresenceParticipant[];
  /** Why the server refused the connection or the join; set only when status is "refused". */
  refusal: ApiErrorCode | null;
};

export type PresenceAction =
  | { type: "joined" }
  | { type: "connectionLost" }
  | { type: "refused"; code: ApiErrorCode }
  | { type: "serverEvent"; event: ServerEvent };

export const initialPresence: PresenceState = {
  status: "connecting",
  participants: [],
  refusal: null,
};

export function presenceReducer(sessionId: string) {
  return (state: PresenceState, action: PresenceAction): PresenceState => {
    if (state.status === "refused") return state;
    switch (action.type) {
      case "joined":
        return { ...state, status: "joined" };
      case "connectionLost":
        // Keep the last list on screen while reconnecting; the next snapshot replaces it.
        return { ...state, status: "reconnecting" };
      case "refused":
        return { status: "refused", participants: [], refusal: action.code };
      case "serverEvent": {
        const event = action.event;
        switch (event.type) {
          case "presence.snapshot":
            // A snapshot is the whole truth: replace, never merge.
            if (event.sessionId !== sessionId) return state;
            return { ...state, participants: event.participants };
          default:
            // Other features' events (rounds, board, …) do not change presence.
            return state;
        }
      }
    }
  };
}

/** Supervisor first, then by name in the UI language's order. */
export function orderParticipants(
  participants: PresenceParticipant[],
  language: string,
): PresenceParticipant[] {
  const collator = new Intl.Collator(language);
  return [...participants].sort((a, b) => {
    if (a.role !== b.role) return a.role === "supervisor" ? -1 : 1;
    return collator.compare(a.displayName, b.displayName);
  });
}
