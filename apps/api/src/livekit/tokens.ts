import { AccessToken, TrackSource, type VideoGrant } from "livekit-server-sdk";
import type { MediaGrant, MediaSource } from "@piiri/domain/permissions";
import type { LiveKitJoin } from "@piiri/protocol/livekit";

const SOURCES: Record<MediaSource, TrackSource> = {
  camera: TrackSource.CAMERA,
  microphone: TrackSource.MICROPHONE,
  screen_share: TrackSource.SCREEN_SHARE,
  screen_share_audio: TrackSource.SCREEN_SHARE_AUDIO,
};

export interface LiveKitCredentials {
  apiKey: string;
  apiSecret: string;
  publicUrl: string;
  tokenTtlSeconds: number;
}

/** One session's room is named by the session id: opaque, and LiveKit logs nothing personal. */
export function roomNameForSession(sessionId: string): string {
  return sessionId;
}

/**
 * Mints a join token. The identity is the membership id and no name or metadata is set, so the
 * LiveKit server never holds names or emails; browsers map identities to names over Piiri's
 * own socket.
 */
export async function mintJoinToken(
  credentials: LiveKitCredentials,
  identity: string,
  grant: MediaGrant,
  now: Date,
): Promise<Omit<LiveKitJoin, "held">> {
  const token = new AccessToken(credentials.apiKey, credentials.apiSecret, {
    identity,
    ttl: credentials.tokenTtlSeconds,
  });
  const videoGrant: VideoGrant = {
    room: grant.room,
    roomJoin: grant.roomJoin,
    canSubscribe: grant.canSubscribe,
    canPublish: grant.canPublish,
    canPublishSources: grant.canPublishSources.map((source) => SOURCES[source]),
    canPublishData: grant.canPublishData,
    canUpdateOwnMetadata: grant.canUpdateOwnMetadata,
    roomAdmin: grant.roomAdmin,
    roomCreate: grant.roomCreate,
    roomList: grant.roomList,
    roomRecord: grant.roomRecord,
  };
  token.addGrant(videoGrant);
  return {
    token: await token.toJwt(),
    url: credentials.publicUrl,
    identity,
    room: grant.room,
    expiresAt: new Date(now.getTime() + credentials.tokenTtlSeconds * 1000).toISOString(),
  };
}
