import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createAdaptorServer, type Http2Bindings, type HttpBindings } from "@hono/node-server";
import { openDatabase, parseDatabaseUrl, type Database } from "@piiri/db/client";
import { migrate } from "@piiri/db/migrate";
import { createApp } from "./app.ts";
import { createAuth } from "./auth/auth.ts";
import { RateLimits } from "./http/rate-limits.ts";
import type { Config } from "./env.ts";
import type { Deps, PeerBindings } from "./http/context.ts";
import { livekitRoomControl } from "./livekit/room-control.ts";
import { closeDanglingPresenceAtBoot } from "./live/presence-attendance.ts";
import type { GateLimits } from "@piiri/domain/request-gate";
import { attachRealtime } from "./realtime/server.ts";
import { useRedisAdapter } from "./realtime/redis-adapter.ts";

// Both src/server.ts and the bundled dist/main.js sit two levels below apps/.
const DEFAULT_WEB_DIST = fileURLToPath(new URL("../../web/dist", import.meta.url));
const DEFAULT_MIGRATIONS = fileURLToPath(
  new URL("../../../packages/db/prisma/migrations", import.meta.url),
);
const VITE_DEV_ORIGINS = ["http://localhost:5173", "http://127.0.0.1:5173"];

export interface RunningPiiri {
  url: string;
  port: number;
  deps: Deps;
  close(): Promise<void>;
}

export interface StartOptions {
  now?: () => Date;
  /** An already-open database to use (tests); Piiri still migrates it and closes it on close(). */
  database?: Database;
  /** The socket request gate's budgets (benches); see realtime/request-gate.ts. */
  gateLimits?: GateLimits;
}

/** Opens the database, applies migrations, and serves HTTP + socket.io on one port. */
export async function startPiiri(
  config: Config,
  options: StartOptions = {},
): Promise<RunningPiiri> {
  const db =
    options.database ??
    (await openDatabase(parseDatabaseUrl(config.databaseUrl, join(config.dataDir, "pglite"))));
  try {
    await migrate(db, { migrationsDir: config.migrationsDir ?? DEFAULT_MIGRATIONS });
    // Presence intervals an earlier run left open (it stopped or crashed) end where it last saw them.
    await closeDanglingPresenceAtBoot(db.prisma, config.redisUrl !== undefined);
  } catch (error) {
    await db.close();
    throw error;
  }

  let handle: (request: Request, env: PeerBindings) => Response | Promise<Response> = () =>
    new Response("starting", { status: 503 });
  // `env` carries Node's request: the TCP peer for per-client limits.
  const httpServer = createAdaptorServer({
    fetch: (request: Request, env: HttpBindings | Http2Bindings) => handle(request, env),
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const localUrl = `http://localhost:${port}`;
  const publicUrl = config.publicUrl ?? localUrl;
  const origins = new Set([publicUrl, ...config.trustedOrigins]);
  if (config.publicUrl === null) origins.add(`http://127.0.0.1:${port}`);
  if (config.nodeEnv === "development") VITE_DEV_ORIGINS.forEach((origin) => origins.add(origin));
  const trustedOrigins = () => [...origins];

  // The socket server exists only after auth; until then no socket can belong to a sign-in.
  let signInEnded: (authSessionId: string) => void = () => undefined;
  const now = options.now ?? (() => new Date());
  const limits = new RateLimits(db.prisma, now);
  const stopPruning = limits.startPruning();
  const auth = createAuth({
    prisma: db.prisma,
    secret: config.authSecret,
    baseUrl: publicUrl,
    trustedOrigins: [...origins],
    production: config.nodeEnv === "production",
    signInTtlSeconds: config.signInTtlSeconds,
    onSignInEnded: (authSessionId) => signInEnded(authSessionId),
    limits,
  });
  const deps: Deps = {
    config,
    prisma: db.prisma,
    auth,
    roomControl: livekitRoomControl(config.livekit),
    limits,
    now,
  };
  const app = createApp(deps, { webDist: config.webDist ?? DEFAULT_WEB_DIST, trustedOrigins });
  handle = (request, env) => app.fetch(request, env);
  const realtime = attachRealtime(httpServer as never, deps, trustedOrigins, {
    ...(options.gateLimits ? { gateLimits: options.gateLimits } : {}),
  });
  signInEnded = (authSessionId) => realtime.endSignIn(authSessionId);
  const closeRedis = config.redisUrl
    ? await useRedisAdapter(realtime.io, config.redisUrl)
    : async () => {};

  return {
    url: publicUrl,
    port,
    deps,
    async close() {
      stopPruning();
      await realtime.close(); // also closes the HTTP server
      await closeRedis();
      await db.close();
    },
  };
}
