// LiveKit's webhooks: joins and leaves for attendance. LiveKit signs each POST with a JWT in the
// Authorization header (API key/secret) whose `sha256` claim is the body's SHA-256; the SDK's
// WebhookReceiver checks both. Nothing is written unless the signature holds, the event is
// fresh, its id is new, and the room and identity are a session and a member of its group.
import { Hono } from "hono";
import { WebhookReceiver, type WebhookEvent } from "livekit-server-sdk";
import { z } from "zod";
import {
  findSessionGroupId,
  findSessionMember,
  recordAttendanceEvent,
  type AttendanceEventKind,
} from "@piiri/db/repositories/live";
import { AppError } from "../errors.ts";
import type { AppEnv, Deps } from "../http/context.ts";

/** Events older than this are refused (a captured webhook replayed later under a new id). */
export const WEBHOOK_MAX_AGE_MS = 10 * 60 * 1000;
/** LiveKit's clock may run a little ahead of ours. */
const WEBHOOK_MAX_SKEW_MS = 60 * 1000;

const KINDS: Partial<Record<string, AttendanceEventKind>> = {
  participant_joined: "joined",
  participant_left: "left",
  room_finished: "room_finished",
};

const Uuid = z.uuid();

export function livekitWebhookRoutes({ prisma, config, now }: Deps) {
  const receiver = new WebhookReceiver(config.livekit.apiKey, config.livekit.apiSecret);
  return new Hono<AppEnv>().post("/webhook", async (c) => {
    const type = c.req.header("content-type") ?? "";
    if (!/^application\/webhook\+json\s*(;|$)/i.test(type)) {
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", "LiveKit webhooks are application/webhook+json");
    }
    const body = await c.req.text();
    let event: WebhookEvent;
    try {
      event = await receiver.receive(body, c.req.header("authorization"));
    } catch {
      throw new AppError("UNAUTHENTICATED", "the webhook's signature is not valid");
    }
    const createdMs = Number(event.createdAt) * 1000;
    const age = now().getTime() - createdMs;
    if (!event.id || !Number.isFinite(createdMs) || createdMs <= 0) {
      throw new AppError("BAD_REQUEST", "the webhook has no id or time");
    }
    if (age > WEBHOOK_MAX_AGE_MS || age < -WEBHOOK_MAX_SKEW_MS) {
      throw new AppError("BAD_REQUEST", "the webhook is stale");
    }

    const kind = KINDS[event.event];
    const sessionId = event.room?.name ?? "";
    if (!kind || !Uuid.safeParse(sessionId).success)
      return c.json({ ok: true, recorded: false }, 200);
    let membershipId: string | null = null;
    if (kind === "room_finished") {
      if (!(await findSessionGroupId(prisma, sessionId))) {
        return c.json({ ok: true, recorded: false }, 200);
      }
    } else {
      const identity = event.participant?.identity ?? "";
      const member = Uuid.safeParse(identity).success
        ? await findSessionMember(prisma, sessionId, identity)
        : null;
      if (!member) return c.json({ ok: true, recorded: false }, 200);
      membershipId = member.membershipId;
    }
    const recorded = await recordAttendanceEvent(prisma, {
      id: event.id,
      sessionId,
      membershipId,
      kind,
      occurredAt: new Date(createdMs),
    });
    return c.json({ ok: true, recorded }, 200);
  });
}
