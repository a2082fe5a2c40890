// better-auth's `hooks.before`: what Piiri checks on its auth endpoints before better-auth runs
// them. Per-account limits (better-auth's own limiter counts per client address only) and the
// one rule for people's names (the sign-up body has no schema of Piiri's otherwise).
import { APIError, createAuthMiddleware } from "better-auth/api";
import { PersonName } from "@piiri/protocol/text";
import { LIMITS, RateLimitedError, type RateLimits } from "../http/rate-limits.ts";

/** Endpoints that take a password for an email: each is limited per account as well. */
const PER_ACCOUNT = {
  "/sign-in/email": { prefix: "sign-in", rule: LIMITS.signInPerAccount },
  "/sign-up/email": { prefix: "sign-up", rule: LIMITS.signUpPerAccount },
} as const;

/** Endpoints whose body may carry the person's name. */
const NAMED = new Set(["/sign-up/email", "/update-user"]);

function field(body: unknown, name: string): unknown {
  return typeof body === "object" && body !== null
    ? (body as Record<string, unknown>)[name]
    : undefined;
}

export function authGuard(limits: RateLimits) {
  return createAuthMiddleware(async (ctx) => {
    const account = PER_ACCOUNT[ctx.path as keyof typeof PER_ACCOUNT] as
      (typeof PER_ACCOUNT)[keyof typeof PER_ACCOUNT] | undefined;
    const email = field(ctx.body, "email");
    if (account && typeof email === "string") {
      try {
        await limits.enforce(`${account.prefix}|${email.trim().toLowerCase()}`, account.rule);
      } catch (error) {
        if (!(error instanceof RateLimitedError)) throw error;
        throw new APIError(
          "TOO_MANY_REQUESTS",
          { code: "RATE_LIMITED", message: error.message },
          { "Retry-After": String(error.retryAfterSeconds) },
        );
      }
    }
    if (!NAMED.has(ctx.path)) return;
    const name = field(ctx.body, "name");
    // update-user may leave the name out; sign-up's own schema refuses a missing one.
    if (name === undefined && ctx.path === "/update-user") return;
    const parsed = PersonName.safeParse(name);
    if (!parsed.success) {
      throw new APIError("BAD_REQUEST", {
        code: "VALIDATION_FAILED",
        message: `name: ${parsed.error.issues[0]?.message ?? "invalid"}`,
      });
    }
    return { context: { body: { ...(ctx.body as object), name: parsed.data } } };
  });
}
