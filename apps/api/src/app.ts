import { Hono } from "hono";
import type { ErrorBody } from "@piiri/protocol/errors";
import type { AppEnv, Deps } from "./http/context.ts";
import {
  clientAddress,
  jsonBodiesOnly,
  limitBody,
  noStore,
  requestId,
  sessionUser,
  trustedOriginsOnly,
} from "./http/middleware.ts";
import { authHandler } from "./http/auth-handler.ts";
import { clientAddressResolver } from "./http/client-address.ts";
import { onError } from "./http/on-error.ts";
import { piiriSecureHeaders } from "./http/security-headers.ts";
import { webAppRoutes } from "./http/web-app.ts";
import { groupRoutes } from "./routes/groups.ts";
import { groupInvitationRoutes, invitationRoutes } from "./routes/invitations.ts";
import { sessionRoutes } from "./routes/sessions.ts";
import { sessionMediaHoldRoutes } from "./routes/media-holds.ts";
import { groupAttendanceRoutes, sessionAttendanceRoutes } from "./routes/attendance.ts";
import { livekitWebhookRoutes } from "./routes/livekit-webhook.ts";
import { liveSettingsRoutes } from "./routes/live-settings.ts";
import { agendaRoutes } from "./routes/agenda.ts";
import { boardRoutes } from "./routes/boards.ts";

export function apiRoutes(deps: Deps, trustedOrigins: () => string[]) {
  return (
    new Hono<AppEnv>()
      .use(limitBody)
      .use(trustedOriginsOnly(trustedOrigins))
      .on(["GET", "POST"], "/auth/*", authHandler(deps.auth))
      // Server-to-server, signed by LiveKit, not JSON-typed: before the JSON-only rule.
      .route("/livekit", livekitWebhookRoutes(deps))
      .use(jsonBodiesOnly)
      .use(sessionUser(deps.auth))
      .get("/health", (c) => c.json({ ok: true as const }, 200))
      .route("/groups", groupRoutes(deps))
      .route("/groups", groupInvitationRoutes(deps))
      .route("/invitations", invitationRoutes(deps))
      .route("/sessions", sessionRoutes(deps))
      .route("/sessions", sessionMediaHoldRoutes(deps))
      .route("/sessions", sessionAttendanceRoutes(deps))
      .route("/groups", groupAttendanceRoutes(deps))
      .route("/groups", liveSettingsRoutes(deps))
      .route("/sessions", agendaRoutes(deps))
      .route("/", boardRoutes(deps))
  );
}

/** The typed shape of Piiri's HTTP API, for hono/client. */
export type ApiType = ReturnType<typeof apiRoutes>;

export function createApp(
  deps: Deps,
  options: { webDist: string; trustedOrigins: () => string[] },
) {
  const app = new Hono<AppEnv>();
  app.use(requestId);
  app.use(piiriSecureHeaders(deps.config.livekit.publicUrl));
  app.use(clientAddress(clientAddressResolver(deps.config.trustedProxies)));
  app.use("/api/*", noStore);
  app.onError(onError);
  app.route("/api", apiRoutes(deps, options.trustedOrigins));
  app.all("/api/*", (c) => {
    const body: ErrorBody = {
      error: {
        code: "NOT_FOUND",
        message: `no route ${c.req.method} ${c.req.path}`,
        requestId: c.get("requestId"),
      },
    };
    return c.json(body, 404);
  });
  app.route("/", webAppRoutes(options.webDist));
  return app;
}
