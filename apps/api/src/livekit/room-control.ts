// Supervisor controls on the LiveKit side, through the SDK's RoomServiceClient (Twirp over HTTP,
// signed with a short-lived roomAdmin token for that one room). Every call reports an outcome
// instead of throwing: Piiri's own side of a control (socket events, the database) happens
// whatever LiveKit says, and the supervisor is told whether video was reached.
import { RoomServiceClient, TrackSource, TwirpError } from "livekit-server-sdk";
import type { LiveMediaSource, LiveVideoOutcome } from "@piiri/protocol/live";

const SOURCES: Record<LiveMediaSource, TrackSource> = {
  microphone: TrackSource.MICROPHONE,
  camera: TrackSource.CAMERA,
};

/** Seconds to wait for LiveKit before saying it could not be reached. */
const REQUEST_TIMEOUT_SECONDS = 5;

export interface RoomControl {
  muteSource(room: string, identity: string, source: LiveMediaSource): Promise<LiveVideoOutcome>;
  /** Disconnects the participant and revokes every token issued to them until `now`. */
  removeParticipant(room: string, identity: string, now: Date): Promise<LiveVideoOutcome>;
  /** Disconnects everyone and closes the room. */
  deleteRoom(room: string): Promise<LiveVideoOutcome>;
}

export function livekitRoomControl(credentials: {
  apiUrl: string;
  apiKey: string;
  apiSecret: string;
}): RoomControl {
  const client = new RoomServiceClient(
    credentials.apiUrl,
    credentials.apiKey,
    credentials.apiSecret,
    {
      requestTimeout: REQUEST_TIMEOUT_SECONDS,
      // Region failover is for LiveKit Cloud; a self-hosted server has no regions to try.
      failover: false,
    },
  );
  return {
    muteSource: (room, identity, source) =>
      outcome("mute", async () => {
        const participant = await client.getParticipant(room, identity);
        const tracks = participant.tracks.filter(
          (track) => track.source === SOURCES[source] && !track.muted,
        );
        for (const track of tracks)
          await client.mutePublishedTrack(room, identity, track.sid, true);
      }),
    removeParticipant: (room, identity, now) =>
      outcome("remove", () =>
        client.removeParticipant(room, identity, {
          revokeTokenTs: BigInt(Math.floor(now.getTime() / 1000)),
        }),
      ),
    deleteRoom: (room) => outcome("delete room", () => client.deleteRoom(room)),
  };
}

async function outcome(what: string, call: () => Promise<unknown>): Promise<LiveVideoOutcome> {
  try {
    await call();
    return "done";
  } catch (error) {
    if (error instanceof TwirpError && (error.status === 404 || error.code === "not_found")) {
      return "not_in_room";
    }
    console.warn(`LiveKit ${what} failed:`, error instanceof Error ? error.message : error);
    return "unreachable";
  }
}
