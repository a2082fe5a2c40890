// The only reader of process.env. Configuration is parsed once at boot; a wrong value stops the
// API with a message naming the variable, instead of failing later in a request.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { parseProxyEntry } from "./http/client-address.ts";

// src/env.ts and the bundled dist/main.js both sit three levels below the repository root, so
// `pnpm dev` (run in apps/api) and `npm start` (run at the root) share one embedded database.
const DEFAULT_DATA_DIR = fileURLToPath(new URL("../../../.data", import.meta.url));
const DEV_AUTH_SECRET = "piiri-development-secret-do-not-use-in-production";
const LIVEKIT_DEV_KEY = "devkey";
const LIVEKIT_DEV_SECRET = "secret";

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    HOST: z.string().min(1).default("127.0.0.1"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    TRUSTED_ORIGINS: z.string().optional(),
    TRUSTED_PROXIES: z
      .string()
      .optional()
      .transform(commaList)
      .refine(
        (entries) => entries.every((entry) => parseProxyEntry(entry) !== null),
        "must be comma-separated IP addresses or CIDR ranges, e.g. 127.0.0.1,172.16.0.0/12",
      ),
    DATABASE_URL: z.string().optional(),
    PIIRI_DATA_DIR: z.string().min(1).optional(),
    PIIRI_WEB_DIST: z.string().optional(),
    PIIRI_MIGRATIONS_DIR: z.string().optional(),
    BETTER_AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    LIVEKIT_URL: z.url({ protocol: /^(https?|wss?)$/ }).default("http://localhost:7880"),
    LIVEKIT_PUBLIC_URL: z.url({ protocol: /^wss?$/ }).default("ws://localhost:7880"),
    LIVEKIT_API_URL: z.url({ protocol: /^https?$/ }).optional(),
    LIVEKIT_API_KEY: z.string().min(1).default(LIVEKIT_DEV_KEY),
    LIVEKIT_API_SECRET: z.string().min(1).default(LIVEKIT_DEV_SECRET),
    LIVEKIT_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(600),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
    // How long a sign-in lasts unused (better-auth extends it while it is used): 14 days.
    SIGN_IN_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .max(90 * 24 * 60 * 60)
      .default(14 * 24 * 60 * 60),
    PIIRI_TIME_ZONE: z
      .string()
      .default("Europe/Helsinki")
      .refine(isTimeZone, "must be an IANA time zone such as Europe/Helsinki"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== "production") return;
    if (!env.BETTER_AUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["BETTER_AUTH_SECRET"],
        message: "is required in production",
      });
    }
    if (!env.PUBLIC_URL) {
      ctx.addIssue({ code: "custom", path: ["PUBLIC_URL"], message: "is required in production" });
    }
    if (env.LIVEKIT_API_KEY === LIVEKIT_DEV_KEY || env.LIVEKIT_API_SECRET === LIVEKIT_DEV_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["LIVEKIT_API_SECRET"],
        message: "LiveKit's dev-mode key/secret must not be used in production",
      });
    }
  });

function commaList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** LiveKit's HTTP API (RoomService) lives on the same host and port as its WebSocket. */
export function livekitApiUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol === "ws:") parsed.protocol = "http:";
  if (parsed.protocol === "wss:") parsed.protocol = "https:";
  return parsed.toString().replace(/\/$/, "");
}

export interface Config {
  nodeEnv: "development" | "test" | "production";
  host: string;
  port: number;
  /** Origin users open Piiri at; null means "http://localhost:<bound port>", known after listen. */
  publicUrl: string | null;
  trustedOrigins: string[];
  /**
   * Reverse proxies (addresses or CIDR ranges) whose X-Forwarded-For names the client. Empty:
   * the TCP peer is the client, and X-Forwarded-For is ignored.
   */
  trustedProxies: string[];
  databaseUrl: string | undefined;
  dataDir: string;
  webDist: string | undefined;
  migrationsDir: string | undefined;
  authSecret: string;
  /** Set when several API nodes run: socket.io then shares rooms and presence through Redis. */
  redisUrl: string | undefined;
  /** The office's time zone, for times in attendance exports. */
  timeZone: string;
  /** How long a sign-in lasts unused; its sockets end with it. */
  signInTtlSeconds: number;
  livekit: {
    url: string;
    /** LiveKit's HTTP API for RoomService calls (mute, remove, end). */
    apiUrl: string;
    publicUrl: string;
    apiKey: string;
    apiSecret: string;
    tokenTtlSeconds: number;
  };
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Piiri cannot start: invalid configuration\n${lines.join("\n")}`);
  }
  const env = result.data;
  return {
    nodeEnv: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    publicUrl: env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : null,
    trustedOrigins: commaList(env.TRUSTED_ORIGINS),
    trustedProxies: env.TRUSTED_PROXIES,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.PIIRI_DATA_DIR ? resolve(env.PIIRI_DATA_DIR) : DEFAULT_DATA_DIR,
    webDist: env.PIIRI_WEB_DIST,
    migrationsDir: env.PIIRI_MIGRATIONS_DIR,
    authSecret: env.BETTER_AUTH_SECRET ?? DEV_AUTH_SECRET,
    redisUrl: env.REDIS_URL,
    timeZone: env.PIIRI_TIME_ZONE,
    signInTtlSeconds: env.SIGN_IN_TTL_SECONDS,
    livekit: {
      url: env.LIVEKIT_URL,
      apiUrl: livekitApiUrl(env.LIVEKIT_API_URL ?? env.LIVEKIT_URL),
      publicUrl: env.LIVEKIT_PUBLIC_URL,
      apiKey: env.LIVEKIT_API_KEY,
      apiSecret: env.LIVEKIT_API_SECRET,
      tokenTtlSeconds: env.LIVEKIT_TOKEN_TTL_SECONDS,
    },
  };
}
