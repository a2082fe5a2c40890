import type { ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ErrorBody } from "@piiri/protocol/errors";
import { AppError } from "../errors.ts";
import { RateLimitedError } from "./rate-limits.ts";
import type { AppEnv } from "./context.ts";

/** Maps every thrown error to `{ error: { code, message } }`; unexpected ones never leak details. */
export const onError: ErrorHandler<AppEnv> = (error, c) => {
  const requestId = c.get("requestId");
  if (error instanceof AppError) {
    const retryAfterSeconds =
      error instanceof RateLimitedError ? error.retryAfterSeconds : undefined;
    if (retryAfterSeconds) c.header("Retry-After", String(retryAfterSeconds));
    const body: ErrorBody = {
      error: {
        code: error.code,
        message: error.message,
        requestId,
        ...(error.issues ? { issues: error.issues } : {}),
        ...(retryAfterSeconds ? { retryAfterSeconds } : {}),
      },
    };
    return c.json(body, error.status);
  }
  if (error instanceof HTTPException && error.status < 500) {
    // Hono's own 4xx: malformed JSON, an invalid Content-Type header, and the like.
    const code = error.status === 413 ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST";
    const body: ErrorBody = { error: { code, message: error.message || "bad request", requestId } };
    return c.json(body, error.status);
  }
  console.error(`[${requestId}] ${c.req.method} ${c.req.path}`, error);
  const body: ErrorBody = { error: { code: "INTERNAL", message: "internal error", requestId } };
  return c.json(body, 500);
};
