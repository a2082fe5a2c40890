import { randomUUID } from "node:crypto";
import { createMiddleware } from "hono/factory";
import { bodyLimit } from "hono/body-limit";
import type { Auth } from "../auth/auth.ts";
import { AppError } from "../errors.ts";
import type { AppEnv, SignedInUser } from "./context.ts";

export const MAX_JSON_BODY_BYTES = 64 * 1024;

export const requestId = createMiddleware<AppEnv>(async (c, next) => {
  c.set("requestId", randomUUID());
  await next();
});

/** Resolves the signed-in user from the better-auth session cookie (null when signed out). */
export function sessionUser(auth: Auth) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const session = await auth.api.getSession({ headers: c.req.raw.headers });
    c.set("user", session ? { id: session.user.id, name: session.user.name, email: session.user.email } : null);
    await next();
  });
}

export function requireUser(c: { get: (key: "user") => SignedInUser | null }): SignedInUser {
  const user = c.get("user");
  if (!user) throw new AppError("UNAUTHENTICATED", "sign in first");
  return user;
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * State-changing requests must come from one of Piiri's own origins and carry JSON. A
 * cross-site page can only send "simple" requests (form or text bodies) without a CORS
 * preflight, and we grant none, so requiring application/json closes classic CSRF; the Origin
 * check is the second lock.
 */
export function guardUnsafeRequests(trustedOrigins: () => string[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (UNSAFE.has(c.req.method)) {
      const origin = c.req.header("origin");
      if (origin !== undefined && !trustedOrigins().includes(origin)) {
        throw new AppError("FORBIDDEN", "request from an untrusted origin");
      }
      const type = c.req.header("content-type") ?? "";
      if (!/^application\/json\s*(;|$)/i.test(type)) {
        throw new AppError("UNSUPPORTED_MEDIA_TYPE", "send the body as application/json");
      }
    }
    await next();
  });
}

export const limitBody = bodyLimit({
  maxSize: MAX_JSON_BODY_BYTES,
  onError: () => {
    throw new AppError("PAYLOAD_TOO_LARGE", `the body may be at most ${MAX_JSON_BODY_BYTES} bytes`);
  },
});
