import type { MemberRole } from "@piiri/protocol/groups";

export type GroupAction =
  | "group.view"
  | "group.scheduleSession"
  | "group.manageInvitations"
  | "session.join"
  | "session.moderate"
  | "board.view"
  | "board.edit"
  | "board.manage";

const SUPERVISOR_ONLY: ReadonlySet<GroupAction> = new Set([
  "group.scheduleSession",
  "group.manageInvitations",
  "session.moderate",
  // Templates, locks, anonymity, reveals, clearing, snapshots and deleting board content.
  "board.manage",
]);

export function can(role: MemberRole, action: GroupAction): boolean {
  return role === "supervisor" || !SUPERVISOR_ONLY.has(action);
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
