import { DisconnectReason, MediaDeviceFailure } from "livekit-client";
import type { RoomEnd } from "./videoState.ts";

/**
 * Why a LiveKit room disconnected, in the words of Piiri's retry loop. Only three reasons end
 * video for this page on purpose: the same member connected elsewhere (LiveKit lets one
 * connection per identity; taking it back by itself would make two tabs fight forever), the
 * supervisor removed them, or the room was deleted because the session ended. Everything else
 * (the server shutting down or restarting, a lost signal connection, a frozen tab, a failed
 * join, no reason at all) is worth another try with a fresh token.
 */
export function roomEndOf(reason: DisconnectReason | undefined): RoomEnd {
  switch (reason) {
    case DisconnectReason.DUPLICATE_IDENTITY:
      return "elsewhere";
    case DisconnectReason.PARTICIPANT_REMOVED:
      return "removed";
    case DisconnectReason.ROOM_DELETED:
      return "ended";
    default:
      return "dropped";
  }
}

/**
 * Whether an error LiveKit reported while connecting is about a microphone or camera (no
 * permission, no device, the device busy) rather than the connection. LiveKitRoom reports both
 * through one `onError`; a device failure must not tear the room down and start over (it would
 * fail the same way each time), it is told to the person instead.
 */
export function isDeviceFailure(error: unknown): boolean {
  const failure = MediaDeviceFailure.getFailure(error);
  return failure !== undefined && failure !== MediaDeviceFailure.Other;
}
