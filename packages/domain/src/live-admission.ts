// Who may be in a session's room: the lobby's rules, as pure transitions over a persisted status.
import type { LiveAdmissionStatus } from "@piiri/protocol/live";

export type AdmissionStatus = LiveAdmissionStatus;

/** What happens when a member asks to join (socket `session.join`). */
export type JoinOutcome =
  | { kind: "enter"; status: "admitted" }
  | { kind: "wait"; status: "waiting" }
  | { kind: "refuse"; status: "removed" };

/**
 * A member asks to join. `bypassesLobby` is true for roles that never wait (the supervisor).
 * Removal is final for the session; an admission holds across reconnects; with the lobby off
 * everyone enters; anyone else (new, waiting, or declined earlier) knocks and waits.
 */
export function onJoinRequest(
  current: AdmissionStatus | null,
  context: { bypassesLobby: boolean; lobbyEnabled: boolean },
): JoinOutcome {
  if (current === "removed") return { kind: "refuse", status: "removed" };
  if (current === "admitted" || context.bypassesLobby || !context.lobbyEnabled) {
    return { kind: "enter", status: "admitted" };
  }
  return { kind: "wait", status: "waiting" };
}

export type AdmissionDecision = "admit" | "decline" | "remove";

/**
 * A moderator's decision about a member. Returns the new status, or null when nothing changes
 * (declining someone who is not waiting; deciding anything about a removed member except
 * removing again). Admitting someone who has not knocked yet is allowed: they walk straight in.
 */
export function afterDecision(
  current: AdmissionStatus | null,
  decision: AdmissionDecision,
): AdmissionStatus | null {
  if (current === "removed") return null;
  switch (decision) {
    case "admit":
      return current === "admitted" ? null : "admitted";
    case "decline":
      return current === "waiting" ? "declined" : null;
    case "remove":
      return "removed";
  }
}

/** Whether a member with this status may hold a LiveKit token / be in the session's room. */
export function mayEnter(
  current: AdmissionStatus | null,
  context: { bypassesLobby: boolean; lobbyEnabled: boolean },
): boolean {
  return onJoinRequest(current, context).kind === "enter";
}
