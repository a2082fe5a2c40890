import { ConnectionError, DisconnectReason } from "livekit-client";
import { describe, expect, it } from "vitest";
import { isDeviceFailure, roomEndOf } from "./roomEnd.ts";

describe("why a LiveKit room ended", () => {
  it("stops for another connection of the same member, a removal, or the room's end", () => {
    expect(roomEndOf(DisconnectReason.DUPLICATE_IDENTITY)).toBe("elsewhere");
    expect(roomEndOf(DisconnectReason.PARTICIPANT_REMOVED)).toBe("removed");
    expect(roomEndOf(DisconnectReason.ROOM_DELETED)).toBe("ended");
  });

  it("tries again when the server went away or the line broke", () => {
    for (const reason of [
      undefined,
      DisconnectReason.UNKNOWN_REASON,
      DisconnectReason.SERVER_SHUTDOWN,
      DisconnectReason.SIGNAL_CLOSE,
      DisconnectReason.STATE_MISMATCH,
      DisconnectReason.JOIN_FAILURE,
      DisconnectReason.CONNECTION_TIMEOUT,
      DisconnectReason.MEDIA_FAILURE,
      // A frozen or hidden tab: LiveKit disconnects it itself; it comes back when it wakes.
      DisconnectReason.CLIENT_INITIATED,
    ]) {
      expect(roomEndOf(reason)).toBe("dropped");
    }
  });
});

describe("what a failure while connecting was about", () => {
  it("tells a microphone or camera failure from a connection failure", () => {
    for (const name of ["NotAllowedError", "NotFoundError", "NotReadableError"]) {
      expect(isDeviceFailure(new DOMException("no", name)), name).toBe(true);
    }
    expect(
      isDeviceFailure(ConnectionError.serverUnreachable("could not establish signal connection")),
    ).toBe(false);
    expect(isDeviceFailure(new Error("something else"))).toBe(false);
    expect(isDeviceFailure(undefined)).toBe(false);
  });
});
