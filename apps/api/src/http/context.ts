import type { PrismaClient } from "@piiri/db/client";
import type { Auth } from "../auth/auth.ts";
import type { Config } from "../env.ts";
import type { RoomControl } from "../livekit/room-control.ts";
import type { RateLimits } from "./rate-limits.ts";

/** What every route needs, built once at boot and passed in (no module-level singletons). */
export interface Deps {
  config: Config;
  prisma: PrismaClient;
  auth: Auth;
  /** LiveKit's RoomService (supervisor controls on the video side). */
  roomControl: RoomControl;
  /** Abuse limits counted in the database (shared by every API node). */
  limits: RateLimits;
  /** Injected so tests can move time (invitation expiry) without sleeping. */
  now: () => Date;
}

export interface SignedInUser {
  id: string;
  name: string;
  email: string;
}

/** What the app reads of Node's request: the TCP peer (absent without a server, e.g. in tests). */
export interface PeerBindings {
  incoming?: { socket: { remoteAddress?: string | undefined } };
}

export interface AppEnv {
  Bindings: PeerBindings;
  Variables: {
    requestId: string;
    user: SignedInUser | null;
    /** The client's address (see http/client-address.ts), for per-client limits. */
    clientAddress: string;
  };
}
