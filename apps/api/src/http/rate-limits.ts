// Every HTTP abuse limit in one place (README lists them). Counters live in the database, so
// every API node counts together; see @piiri/db/repositories/rate-limits.
import {
  hitRateLimit,
  peekRateLimit,
  pruneRateLimits,
  type RateDecision,
  type RateRule,
} from "@piiri/db/repositories/rate-limits";
import type { PrismaClient } from "@piiri/db/client";
import { AppError } from "../errors.ts";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * Per client address, for better-auth's own limiter (seconds, its format). Sign-in and sign-up
 * hash a password (scrypt, 16 MB, on libuv's four-thread pool): an unlimited flood queues every
 * other user's sign-in behind it. Everything else under /api/auth gets better-auth's default
 * (100 a minute); reading the session is exempt (cheap, and every page does it).
 */
export const AUTH_ADDRESS_RULES = {
  "/sign-in/email": { window: 60, max: 10 },
  "/sign-up/email": { window: 60, max: 10 },
  "/get-session": false,
} as const;
export const AUTH_DEFAULT_RULE = { window: 60, max: 100 } as const;

/** Limits Piiri counts itself (per account, per invitation link, per address). */
export const LIMITS = {
  /** Password sign-ins to one account (email), from any number of addresses. */
  signInPerAccount: { windowMs: 15 * MINUTE, max: 10 },
  /** Sign-ups naming one email. */
  signUpPerAccount: { windowMs: 15 * MINUTE, max: 5 },
  /** Invitation accepts from one client address (an office behind one NAT stays well below). */
  acceptPerAddress: { windowMs: 10 * MINUTE, max: 30 },
  /**
   * Different emails for which one link answered "sign in first" (the email has an account):
   * the only answer that says something about an address, so a link holder learns it about a
   * handful of addresses, not a list. Counted over the longest life a link can have.
   */
  signInRequiredPerLink: { windowMs: 30 * DAY, max: 10 },
} satisfies Record<string, RateRule>;

const PRUNE_EVERY_MS = 10 * MINUTE;

/** A refusal for going over a limit: 429 RATE_LIMITED with Retry-After. */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super("RATE_LIMITED", `too many attempts; try again in ${retryAfterSeconds} s`);
  }
}

export const retryAfterSeconds = (decision: RateDecision) =>
  Math.max(1, Math.ceil(decision.retryAfterMs / 1000));

export class RateLimits {
  private pruneTimer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => Date,
  ) {}

  /** Counts one request; `allowed: false` once over the rule. */
  hit(key: string, rule: RateRule): Promise<RateDecision> {
    return hitRateLimit(this.prisma, key, rule, this.now());
  }

  /** Counts one request; throws RateLimitedError once over the rule. */
  async enforce(key: string, rule: RateRule): Promise<void> {
    const decision = await this.hit(key, rule);
    if (!decision.allowed) throw new RateLimitedError(retryAfterSeconds(decision));
  }

  /** Throws RateLimitedError if one more request would be over the rule; counts nothing. */
  async enforceRoom(key: string, rule: RateRule): Promise<void> {
    const decision = await peekRateLimit(this.prisma, key, rule, this.now());
    if (!decision.allowed) throw new RateLimitedError(retryAfterSeconds(decision));
  }

  /** better-auth's storage interface (its rules are in seconds). */
  readonly betterAuthStorage = {
    consume: async (key: string, rule: { window: number; max: number }) => {
      const decision = await this.hit(`auth|${key}`, {
        windowMs: rule.window * 1000,
        max: rule.max,
      });
      return {
        allowed: decision.allowed,
        retryAfter: decision.allowed ? null : retryAfterSeconds(decision),
      };
    },
  };

  /** Deletes expired counters now and then; returns the function that stops it. */
  startPruning(): () => void {
    this.pruneTimer ??= setInterval(() => {
      pruneRateLimits(this.prisma, this.now()).catch((error: unknown) => {
        console.error("pruning rate limits failed", error);
      });
    }, PRUNE_EVERY_MS);
    this.pruneTimer.unref();
    return () => {
      if (this.pruneTimer) clearInterval(this.pruneTimer);
      this.pruneTimer = null;
    };
  }
}
