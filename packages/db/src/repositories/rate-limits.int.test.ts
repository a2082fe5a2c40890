import { afterEach, describe, expect, it } from "vitest";
import type { Database } from "../client.ts";
import { createTestDatabase } from "../testing/index.ts";
import { hitRateLimit, peekRateLimit, pruneRateLimits } from "./rate-limits.ts";

const open: Database[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.close();
});

async function database(): Promise<Database> {
  const db = await createTestDatabase();
  open.push(db);
  return db;
}

const rule = { windowMs: 60_000, max: 3 };

describe("rate limit counters", () => {
  it("allow `max` hits per window, then refuse until the window has passed", async () => {
    const { prisma } = await database();
    const start = new Date(Date.now());
    const at = (ms: number) => new Date(start.getTime() + ms);
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await hitRateLimit(prisma, "k", rule, at(i * 1000)));
    expect(results.map((result) => result.allowed)).toEqual([true, true, true, false, false]);
    expect(results[4]?.retryAfterMs).toBe(60_000 - 4000);
    expect((await hitRateLimit(prisma, "k", rule, at(60_000))).allowed).toBe(true);
    // Another key has its own count.
    expect((await hitRateLimit(prisma, "other", rule, at(1000))).allowed).toBe(true);
  });

  it("count concurrent hits exactly (one statement, no stale read)", async () => {
    const { prisma } = await database();
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => hitRateLimit(prisma, "burst", rule, now)),
    );
    expect(results.filter((result) => result.allowed)).toHaveLength(3);
  });

  it("peek says whether one more would pass, without counting", async () => {
    const { prisma } = await database();
    const now = new Date();
    expect((await peekRateLimit(prisma, "p", rule, now)).allowed).toBe(true);
    for (let i = 0; i < 3; i++) await hitRateLimit(prisma, "p", rule, now);
    expect((await peekRateLimit(prisma, "p", rule, now)).allowed).toBe(false);
    expect((await peekRateLimit(prisma, "p", rule, new Date(now.getTime() + 60_000))).allowed).toBe(
      true,
    );
  });

  it("store no key in clear and prune old windows", async () => {
    const { prisma } = await database();
    const now = new Date();
    await hitRateLimit(prisma, "sign-in|aino@example.fi", rule, new Date(now.getTime() - 120_000));
    await hitRateLimit(prisma, "fresh", rule, now);
    const keys = (await prisma.rateLimit.findMany()).map((row) => row.key);
    expect(keys.some((key) => key.includes("aino"))).toBe(false);
    expect(await pruneRateLimits(prisma, now)).toBe(1);
    expect(await prisma.rateLimit.count()).toBe(1);
  });
});
