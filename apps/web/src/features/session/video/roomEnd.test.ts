import { DisconnectReason } from "livekit-client";
import { describe, expect, it } from "vitest";
import { roomEndOf } from "./roomEnd.ts";

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
