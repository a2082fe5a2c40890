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
      expiresIn: 60 * 60 * 24 * 14,
      updateAge: 60 * 60 * 24,
    },
    user: { changeEmail: { enabled: false } },
    telemetry: { enabled: false },
    rateLimit: { enabled: options.production, window: 60, max: 100 },
    advanced: {
      useSecureCookies: options.baseUrl.startsWith("https://"),
      ipAddress: { disableIpTracking: true },
      database: { generateId: () => randomUUID() },
    },
    plugins: [invitationSignIn()],
  });
}

export type Auth = ReturnType<typeof createAuth>;
