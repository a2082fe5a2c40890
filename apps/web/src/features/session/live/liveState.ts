import type { LiveRaisedHand, LiveWaitingMember } from "@piiri/protocol/live";
import type { ServerEvent } from "@piiri/protocol/realtime";

/**
 * Where this person stands at the session's door. "joining" until the server answers the join;
 * "notOpen" while the session has not opened to participants (the server lets them in when it
 * does); "ended" once the supervisor ended the session (for everyone, also those in the lobby);
 * "closed" once its time is over for participants.
 */
export type Admission =
  "joining" | "notOpen" | "waiting" | "admitted" | "declined" | "removed" | "ended" | "closed";

export type E2eeMemberKey = { membershipId: string; publicKey: string };

/** The session's live state as this browser knows it: always a copy of the server's snapshots. */
export type LiveState = {
  admission: Admission;
  /** While "notOpen": when the session opens by itself (a supervisor may open it earlier). */
  opensAt: string | null;
  /** In order of raising: the first is next to speak. */
  hands: LiveRaisedHand[];
  spotlight: string | null;
  lobbyEnabled: boolean;
  /** Supervisors only: who knocks, in order of knocking. */
  waiting: LiveWaitingMember[];
  /** The admitted members' announced public keys (for the E2EE room key). */
  e2eeKeys: E2eeMemberKey[];
};

export const initialLiveState: LiveState = {
  admission: "joining",
  opensAt: null,
  hands: [],
  spotlight: null,
  lobbyEnabled: true,
  waiting: [],
  e2eeKeys: [],
};

export type LiveAction =
  | { type: "serverEvent"; event: ServerEvent }
  /** The person asks to be let in again after being declined. */
  | { type: "knockAgain" }
  /** The server refused the join because this person was removed from the session. */
  | { type: "removed" };

const FINAL: ReadonlySet<Admission> = new Set(["removed", "ended", "closed"]);

export function liveReducer(sessionId: string) {
  return (state: LiveState, action: LiveAction): LiveState => {
    // Final states: nothing the server says later brings the person back into this page's room.
    if (FINAL.has(state.admission)) return state;
    switch (action.type) {
      case "knockAgain":
        return state.admission === "declined" ? { ...state, admission: "joining" } : state;
      case "removed":
        return { ...initialLiveState, admission: "removed" };
      case "serverEvent":
        return applyEvent(state, action.event, sessionId);
    }
  };
}

function applyEvent(state: LiveState, event: ServerEvent, sessionId: string): LiveState {
  if (!("sessionId" in event) || event.sessionId !== sessionId) return state;
  switch (event.type) {
    case "live.admission":
      if (event.status === "admitted") return { ...state, admission: "admitted" };
      // Out of the room: forget the room's state, so nothing of it lingers on screen.
      return { ...initialLiveState, lobbyEnabled: state.lobbyEnabled, admission: event.status };
    case "live.state":
      if (event.ended) return { ...initialLiveState, admission: "ended" };
      return {
        ...state,
        hands: event.hands,
        spotlight: event.spotlight,
        lobbyEnabled: event.lobbyEnabled,
      };
    case "live.lobby":
      return { ...state, waiting: event.waiting };
    case "live.ended":
      return { ...initialLiveState, admission: "ended" };
    case "session.opening":
      return {
        ...initialLiveState,
        lobbyEnabled: state.lobbyEnabled,
        admission: "notOpen",
        opensAt: event.opensAt,
      };
    case "session.closed":
      return { ...initialLiveState, admission: "closed" };
    case "live.e2ee.keys":
      return { ...state, e2eeKeys: event.keys };
    default:
      return state;
  }
}

/** 1-based place in the raised-hand queue, or null when the hand is down. */
export function handPlace(hands: readonly LiveRaisedHand[], membershipId: string): number | null {
  const index = hands.findIndex((hand) => hand.membershipId === membershipId);
  return index === -1 ? null : index + 1;
}
