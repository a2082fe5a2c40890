// A member turns their own microphone or camera on again, which lifts a supervisor's hold on it
// (see @piiri/db/repositories/media-holds). Only ever for oneself: the membership comes from the
// session cookie, never from the request.
import { Hono } from "hono";
import { MediaHoldParam, type MediaHoldsAnswer } from "@piiri/protocol/livekit";
import { findMediaHolds, releaseMedia } from "@piiri/db/repositories/media-holds";
import type { AppEnv, Deps } from "../http/context.ts";
import { requireUser } from "../http/middleware.ts";
import { validate } from "../http/validate.ts";
import { requireInSessionNow } from "../http/access.ts";

export function sessionMediaHoldRoutes({ prisma, now }: Deps) {
  return new Hono<AppEnv>().delete(
    "/:sessionId/media-holds/:source",
    validate("param", MediaHoldParam),
    async (c) => {
      const user = requireUser(c);
      const { sessionId, source } = c.req.valid("param");
      const { session, membership } = await requireInSessionNow(
        { prisma, now },
        sessionId,
        user.id,
      );
      await releaseMedia(prisma, session.id, membership.id, source);
      const answer: MediaHoldsAnswer = {
        held: await findMediaHolds(prisma, session.id, membership.id),
      };
      return c.json(answer, 200);
    },
  );
}
