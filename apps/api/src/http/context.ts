import type { PrismaClient } from "@piiri/db/client";
import type { Auth } from "../auth/auth.ts";
import type { Config } from "../env.ts";

/** What every route needs, built once at boot and passed in (no module-level singletons). */
export interface Deps {
  config: Config;
  prisma: PrismaClient;
  auth: Auth;
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
