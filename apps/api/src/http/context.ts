import type { PrismaClient } from "@piiri/db/client";
import type { Auth } from "../auth/auth.ts";
import type { Config } from "../env.ts";
import type { RoomControl } from "../livekit/room-control.ts";

/** What every route needs, built once at boot and passed in (no module-level singletons). */
export interface Deps {
  config: Config;
  prisma: PrismaClient;
  auth: Auth;
  /** LiveKit's RoomService (supervisor controls on the video side). */
  roomControl: RoomControl;
  /** Injected so tests can move time (invitation expiry) without sleeping. */
  now: () => Date;
}

export interface SignedInUser {
  id: string;
  name: string;
  email: string;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    user: SignedInUser | null;
  };
}
