import { randomUUID } from "node:crypto";
import { createMiddleware } from "hono/factory";
import { bodyLimit } from "hono/body-limit";
import type { Auth } from "../auth/auth.ts";
import { AppError } from "../errors.ts";
import type { ClientAddressResolver } from "./client-address.ts";
import type { AppEnv, SignedInUser } from "./context.ts";

export const MAX_JSON_BODY_BYTES = 64 * 1024;

export const requestId = createMiddleware<AppEnv>(async (c, next) => {
  c.set("requestId", randomUUID());
  await next();
});

/** Who is on the other end: the TCP peer, or the client a trusted proxy names. */
export function clientAddress(resolve: ClientAddressResolver) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const peer = c.env?.incoming?.socket.remoteAddress;
    c.set("clientAddress", resolve(peer, c.req.header("x-forwarded-for")));
    await next();
  });
}

/**
 * Personal data must not stay in any cache (browser, proxy): every API answer says so. The web
 * app's static files are outside /api and keep their own caching.
 */
export const noStore = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  c.header("Cache-Control", "no-store");
});

/** Resolves the signed-in user from the better-auth session cookie (null when signed out). */
export function sessionUser(auth: Auth) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const session = await auth.api.getSession({ headers: c.req.raw.headers });
    c.set(
      "user",
      session ? { id: session.user.id, name: session.user.name, email: session.user.email } : null,
    );
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
 * State-changing requests must come from one of Piiri's own origins. Browsers send Origin with
 * every POST/PUT/PATCH/DELETE, so a request from another site is refused here whatever it
 * carries; session cookies are also SameSite=Lax. Applies to better-auth's routes too (its own
 * check skips requests without cookies, which would allow login CSRF).
 */
export function trustedOriginsOnly(trustedOrigins: () => string[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const origin = c.req.header("origin");
    if (UNSAFE.has(c.req.method) && origin !== undefined && !trustedOrigins().includes(origin)) {
      throw new AppError("FORBIDDEN", "request from an untrusted origin");
    }
    await next();
  });
}

/**
 * A request body must be JSON. Cross-site pages can send form and text bodies without a CORS
 * preflight; refusing them is the second lock against CSRF. Bodiless requests (DELETE, or a
 * POST that carries nothing) need no content type.
 */
export const jsonBodiesOnly = createMiddleware<AppEnv>(async (c, next) => {
  const length = Number(c.req.header("content-length") ?? "0");
  const hasBody = length > 0 || c.req.header("transfer-encoding") !== undefined;
  if (UNSAFE.has(c.req.method) && hasBody) {
    const type = c.req.header("content-type") ?? "";
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", "send the body as application/json");
    }
  }
  await next();
});

export const limitBody = bodyLimit({
  maxSize: MAX_JSON_BODY_BYTES,
  onError: () => {
    throw new AppError("PAYLOAD_TOO_LARGE", `the body may be at most ${MAX_JSON_BODY_BYTES} bytes`);
  },
});
