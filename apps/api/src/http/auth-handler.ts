import type { Context } from "hono";
import type { Auth } from "../auth/auth.ts";
import { CLIENT_ADDRESS_HEADER } from "./client-address.ts";
import type { AppEnv } from "./context.ts";
import { RateLimitedError } from "./rate-limits.ts";

const FALLBACK_RETRY_SECONDS = 60;

/**
 * /api/auth/*: better-auth's handler, given the client address Piiri resolved (a client cannot
 * choose it by sending the header itself), and with its 429s in Piiri's error shape
 * (RATE_LIMITED, Retry-After) so clients handle one kind of refusal.
 */
export function authHandler(auth: Auth) {
  return async (c: Context<AppEnv>): Promise<Response> => {
    const headers = new Headers(c.req.raw.headers);
    headers.set(CLIENT_ADDRESS_HEADER, c.get("clientAddress"));
    const response = await auth.handler(new Request(c.req.raw, { headers }));
    if (response.status !== 429) return response;
    // better-auth's limiter says X-Retry-After; Piiri's per-account guard says Retry-After.
    const retry = Number(
      response.headers.get("retry-after") ?? response.headers.get("x-retry-after"),
    );
    throw new RateLimitedError(
      Number.isFinite(retry) && retry > 0 ? Math.ceil(retry) : FALLBACK_RETRY_SECONDS,
    );
  };
}
