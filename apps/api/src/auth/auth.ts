import { randomUUID } from "node:crypto";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import type { PrismaClient } from "@piiri/db/client";
import { AUTH_ADDRESS_RULES, AUTH_DEFAULT_RULE, type RateLimits } from "../http/rate-limits.ts";
import { CLIENT_ADDRESS_HEADER } from "../http/client-address.ts";
import { authGuard } from "./auth-guard.ts";
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
  limits: RateLimits;
}

/**
 * better-auth owns accounts, password hashing (scrypt) and sessions: http-only, SameSite=Lax
 * cookies, Secure over https, and an Origin check on every state-changing request. Its limiter
 * counts per client address (always on, in the database so all API nodes share it); the guard
 * adds per-account limits and the name rule.
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
      // Sign-up never signs in: its answer is then the same whether the email is new or taken
      // (better-auth answers a look-alike user for a taken one), and the client signs in next.
      autoSignIn: false,
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
    rateLimit: {
      enabled: true,
      ...AUTH_DEFAULT_RULE,
      customRules: AUTH_ADDRESS_RULES,
      customStorage: options.limits.betterAuthStorage,
    },
    hooks: { before: authGuard(options.limits) },
    databaseHooks: {
      session: {
        // The address is for limits only: a session does not keep it.
        create: { before: (session) => Promise.resolve({ data: { ...session, ipAddress: null } }) },
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
    advanced: {
      useSecureCookies: options.baseUrl.startsWith("https://"),
      // Set by Piiri's own handler from the TCP peer (and trusted proxies), never by the client.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
      database: { generateId: () => randomUUID() },
    },
    plugins: [invitationSignIn()],
  });
}

export type Auth = ReturnType<typeof createAuth>;
