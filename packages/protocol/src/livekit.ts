import { z } from "zod";

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
});
export type LiveKitJoin = z.infer<typeof LiveKitJoin>;
