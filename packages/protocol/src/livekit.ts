import { z } from "zod";
import { LiveMediaSource } from "./live.ts";

/**
 * The sources a supervisor turned off for this member in this session, which the member has not
 * turned on again themselves. A client publishes a held source off whenever it (re)connects,
 * whatever the device check said; only the member's own deliberate "on" lifts a hold.
 */
export const MediaHolds = z.object({ microphone: z.boolean(), camera: z.boolean() });
export type MediaHolds = z.infer<typeof MediaHolds>;

/** A LiveKit join token for one session's room, minted by the API for one member. */
export const LiveKitJoin = z.object({
  /** JWT to pass to livekit-client's Room.connect. */
  token: z.string(),
  /** LiveKit server URL as the browser reaches it. */
  url: z.string(),
  /** Opaque participant identity (the membership id): never a name or email. */
  identity: z.string(),
  room: z.string(),
  expiresAt: z.iso.datetime(),
  /** What the supervisor holds off for this member, as of minting: publish these off. */
  held: MediaHolds,
});
export type LiveKitJoin = z.infer<typeof LiveKitJoin>;

/** `DELETE /api/sessions/:sessionId/media-holds/:source`: the member turns a source on again. */
export const MediaHoldParam = z.object({ sessionId: z.uuid(), source: LiveMediaSource });
export type MediaHoldParam = z.infer<typeof MediaHoldParam>;

/** The member's holds after a change. */
export const MediaHoldsAnswer = z.object({ held: MediaHolds });
export type MediaHoldsAnswer = z.infer<typeof MediaHoldsAnswer>;
