import type { MemberRole } from "@piiri/protocol/groups";

export type GroupAction =
  | "group.view"
  | "group.scheduleSession"
  | "group.manageInvitations"
  | "session.join"
  | "session.moderate"
  // live session (issue 3)
  | "session.bypassLobby"
  | "session.admit"
  | "session.lowerAnyHand"
  | "session.spotlight"
  | "session.muteOthers"
  | "session.remove"
  | "session.end"
  | "session.viewAttendance"
  | "group.manageLiveSettings"
  | "group.exportAttendance"
  /** Run the session's agenda and rounds: supervisor and co-supervisor. */
  | "session.facilitate"
  /**
   * Enter a session at any time, which opens it to participants, and see the group's content
   * between sessions (see session-access.ts).
   */
  | "session.open"
  | "board.view"
  | "board.edit"
  | "board.manage";

const SUPERVISOR_ONLY: ReadonlySet<GroupAction> = new Set([
  "group.scheduleSession",
  "group.manageInvitations",
  "session.moderate",
  "session.remove",
  "session.end",
  "session.viewAttendance",
  "group.manageLiveSettings",
  "group.exportAttendance",
]);

/** What a co-supervisor shares with the supervisor: leading the session in the room. */
const FACILITATOR: ReadonlySet<GroupAction> = new Set([
  "session.facilitate",
  "session.open",
  // Templates, locks, anonymity, reveals, clearing, snapshots and deleting board content.
  "board.manage",
  "session.bypassLobby",
  "session.admit",
  "session.lowerAnyHand",
  "session.spotlight",
  "session.muteOthers",
]);

/**
 * The supervisor may do everything. A co-supervisor leads sessions with them (agenda, phases,
 * rounds, lobby, hands, spotlight, muting) but does not administer the group nor remove people
 * or end the session.
 */
export function can(role: MemberRole, action: GroupAction): boolean {
  switch (role) {
    case "supervisor":
      return true;
    case "cosupervisor":
      return !SUPERVISOR_ONLY.has(action);
    case "participant":
      return !SUPERVISOR_ONLY.has(action) && !FACILITATOR.has(action);
  }
}

export type MediaSource = "camera" | "microphone" | "screen_share" | "screen_share_audio";

/**
 * The LiveKit permissions a member gets for one session's room: least privilege. Everyone may
 * publish camera, mic and screen and subscribe; nobody may publish arbitrary data or change
 * their own metadata (session state travels over Piiri's socket, where it is validated); only
 * the supervisor administers the room.
 */
export interface MediaGrant {
  room: string;
  roomJoin: true;
  canSubscribe: true;
  canPublish: true;
  canPublishSources: MediaSource[];
  canPublishData: false;
  canUpdateOwnMetadata: false;
  roomAdmin: boolean;
  roomCreate: false;
  roomList: false;
  roomRecord: false;
}

export function mediaGrantFor(role: MemberRole, room: string): MediaGrant {
  return {
    room,
    roomJoin: true,
    canSubscribe: true,
    canPublish: true,
    canPublishSources: ["camera", "microphone", "screen_share", "screen_share_audio"],
    canPublishData: false,
    canUpdateOwnMetadata: false,
    roomAdmin: role === "supervisor",
    roomCreate: false,
    roomList: false,
    roomRecord: false,
  };
}
