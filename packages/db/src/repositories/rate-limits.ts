// Fixed-window counters for abuse limits, in the database so every API node counts together.
// One statement per hit (an upsert), so concurrent requests on any node never both slip through
// a stale read. Keys are hashed here: the table never holds an address or an email in clear.
import { createHash } from "node:crypto";
import type { PrismaClient } from "../generated/prisma/client.ts";

export interface RateRule {
  /** Length of the window that `max` counts over. */
  windowMs: number;
  /** Requests allowed within one window. */
  max: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Requests counted in the current window, this one included when it was a hit. */
  count: number;
  /** When a refused request may try again (0 when allowed). */
  retryAfterMs: number;
}

const hashKey = (key: string) => createHash("sha256").update(key).digest("base64url");

interface Row {
  count: number;
  resetAtMs: number;
}

function decide(row: Row | undefined, rule: RateRule, now: Date): RateDecision {
  if (!row || row.resetAtMs <= now.getTime()) return { allowed: true, count: 0, retryAfterMs: 0 };
  const allowed = row.count <= rule.max;
  return { allowed, count: row.count, retryAfterMs: allowed ? 0 : row.resetAtMs - now.getTime() };
}

/** Counts one request against `key` and says whether it is within the rule. */
export async function hitRateLimit(
  prisma: PrismaClient,
  key: string,
  rule: RateRule,
  now: Date,
): Promise<RateDecision> {
  // A window that has ended starts again at this request.
  const [row] = await prisma.$queryRawUnsafe<Row[]>(
    `INSERT INTO "RateLimit" AS r ("key", "count", "resetAt")
       VALUES ($1, 1, $3::timestamp(3))
     ON CONFLICT ("key") DO UPDATE SET
       "count" = CASE WHEN r."resetAt" <= $2::timestamp(3) THEN 1
                      ELSE LEAST(r."count" + 1, 2147483647) END,
       "resetAt" = CASE WHEN r."resetAt" <= $2::timestamp(3) THEN $3::timestamp(3)
                        ELSE r."resetAt" END
     RETURNING "count", (EXTRACT(EPOCH FROM "resetAt") * 1000)::float8 AS "resetAtMs"`,
    hashKey(key),
    now.toISOString(),
    new Date(now.getTime() + rule.windowMs).toISOString(),
  );
  if (!row) throw new Error("rate limit upsert returned no row");
  return decide(row, rule, now);
}

/** Whether one more request against `key` would be within the rule, without counting it. */
export async function peekRateLimit(
  prisma: PrismaClient,
  key: string,
  rule: RateRule,
  now: Date,
): Promise<RateDecision> {
  const [row] = await prisma.$queryRawUnsafe<Row[]>(
    `SELECT "count", (EXTRACT(EPOCH FROM "resetAt") * 1000)::float8 AS "resetAtMs"
       FROM "RateLimit" WHERE "key" = $1`,
    hashKey(key),
  );
  // "One more": the stored count plus the request being considered.
  return decide(row && { ...row, count: row.count + 1 }, rule, now);
}

/** Forgets counters whose window has ended (they decide nothing any more). */
export async function pruneRateLimits(prisma: PrismaClient, now: Date): Promise<number> {
  const { count } = await prisma.rateLimit.deleteMany({ where: { resetAt: { lte: now } } });
  return count;
}
