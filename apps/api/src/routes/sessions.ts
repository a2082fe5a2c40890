import { Hono } from "hono";
import { SessionIdParam, type SessionDetail } from "@piiri/protocol/sessions";
import { findMediaHolds } from "@piiri/db/repositories/media-holds";
import { mediaGrantFor } from "@piiri/domain/permissions";
import type { AppEnv, Deps } from "../http/context.ts";
import { requireUser } from "../http/middleware.ts";
import { validate } from "../http/validate.ts";
import { authorizeSession, requireInSessionNow } from "../http/access.ts";
import { mintJoinToken, roomNameForSession } from "../livekit/tokens.ts";

export function sessionRoutes({ prisma, config, now }: Deps) {
  return new Hono<AppEnv>()
    .get("/:sessionId", validate("param", SessionIdParam), async (c) => {
      const user = requireUser(c);
      const { sessionId } = c.req.valid("param");
      const { session, group, membership } = await authorizeSession(
        prisma,
        sessionId,
        user.id,
        "session.join",
      );
      const detail: SessionDetail = {
        session: { ...session, startsAt: session.startsAt.toISOString() },
        group,
        me: {
          membershipId: membership.id,
          displayName: membership.displayName,
          role: membership.role,
        },
      };
      return c.json(detail, 200);
    })
    .post("/:sessionId/livekit-token", validate("param", SessionIdParam), async (c) => {
      const user = requireUser(c);
      const { sessionId } = c.req.valid("param");
      const { session, membership } = await requireInSessionNow(
        { prisma, now },
        sessionId,
        user.id,
      );
      const join = await mintJoinToken(
        config.livekit,
        membership.id,
        mediaGrantFor(membership.role, roomNameForSession(session.id)),
        now(),
      );
      // Read after the admission check: a mute stored before this answer is in it.
      const held = await findMediaHolds(prisma, session.id, membership.id);
      return c.json({ ...join, held }, 200);
    });
}
