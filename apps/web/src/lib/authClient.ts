import { createAuthClient } from "better-auth/react";

/** better-auth's client, same origin: the API mounts better-auth under /api/auth. */
export const authClient = createAuthClient({ basePath: "/api/auth" });
