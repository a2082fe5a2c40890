// Webhooks signed exactly as LiveKit's server signs them (livekit/protocol's webhook notifier):
// the body is the WebhookEvent as JSON, and the Authorization header is an API-key JWT valid for
// five minutes whose `sha256` claim is the standard-base64 SHA-256 of the body.
import { createHash, randomUUID } from "node:crypto";
import { AccessToken } from "livekit-server-sdk";

export interface WebhookInput {
  event: "participant_joined" | "participant_left" | "room_finished" | "track_published";
  room: string;
  identity?: string;
  /** Seconds since the epoch, as LiveKit sends it. */
  createdAt: number;
  id?: string;
}

export function webhookBody(input: WebhookInput): string {
  return JSON.stringify({
    event: input.event,
    room: { sid: "RM_test", name: input.room },
    ...(input.identity
      ? { participant: { sid: `PA_${input.identity}`, identity: input.identity } }
      : {}),
    id: input.id ?? `EV_${randomUUID()}`,
    createdAt: String(input.createdAt),
  });
}

export async function signWebhook(
  body: string,
  apiKey = "devkey",
  apiSecret = "secret",
): Promise<string> {
  const token = new AccessToken(apiKey, apiSecret, { ttl: "5m" });
  token.sha256 = createHash("sha256").update(body).digest("base64");
  return token.toJwt();
}

export async function postWebhook(
  base: string,
  body: string,
  authorization: string | null,
  contentType = "application/webhook+json",
): Promise<Response> {
  const headers: Record<string, string> = { "content-type": contentType };
  if (authorization !== null) headers.authorization = authorization;
  return fetch(`${base}/api/livekit/webhook`, { method: "POST", headers, body });
}
