import { randomUUID } from "node:crypto";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import type { PrismaClient } from "@piiri/db/client";
import { invitationSignIn } from "./invitation-sign-in.ts";

export interface AuthOptions {
  prisma: PrismaClient;
  secret: string;
  baseUrl: string;
  trustedOrigins: string[];
  production: boolean;
  /** How long a sign-in lasts unused. */
  signInTtlSeconds: number;
  /**
   * A sign-in (better-auth session) was deleted: signed out, revoked, or its user deleted. Its
   * live connections must end too.
   */
  onSignInEnded?: (authSessionId: string) => void;
}

/**
 * better-auth owns accounts, password hashing (scrypt) and sessions: http-only, SameSite=Lax
 * cookies, Secure over https, and an Origin check on every state-changing request.
 */
export function createAuth(options: AuthOptions) {
  return betterAuth({
    appName: "Piiri",
    baseURL: options.baseUrl,
    basePath: "/api/auth",
    secret: options.secret,
    trustedOrigins: options.trustedOrigins,
    database: prismaAdapter(options.prisma, { provider: "postgresql" }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 10,
      maxPasswordLength: 128,
      autoSignIn: true,
    },
    session: {
      // Auth sessions live in AuthSession so "Session" can stay the supervision meeting.
      modelName: "authSession",
      expiresIn: options.signInTtlSeconds,
      // A sign-in in use is extended at most once a day (once per 1/14 of a shorter lifetime).
      updateAge: Math.min(60 * 60 * 24, Math.floor(options.signInTtlSeconds / 14)),
    },
    user: { changeEmail: { enabled: false } },
    telemetry: { enabled: false },
    rateLimit: { enabled: options.production, window: 60, max: 100 },
    advanced: {
      useSecureCookies: options.baseUrl.startsWith("https://"),
      ipAddress: { disableIpTracking: true },
      database: { generateId: () => randomUUID() },
    },
    databaseHooks: {
      session: {
        // Every way a sign-in is deleted (sign-out, revokeSession(s), revokeOtherSessions, a
        // deleted user, an expired session found) goes through better-auth's delete hooks.
        delete: {
          after: (session) => {
            options.onSignInEnded?.(session.id);
            return Promise.resolve();
          },
        },
      },
    },
    plugins: [invitationSignIn()],
  });
}

export type Auth = ReturnType<typeof createAuth>;
