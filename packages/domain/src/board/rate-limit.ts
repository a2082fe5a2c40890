// A token bucket: `capacity` tokens, refilled at `perSecond`. Time is passed in, so the logic is
// pure and the server keeps one bucket per socket (one fast client never slows another).

export interface TokenBucket {
  readonly capacity: number;
  readonly perSecond: number;
  tokens: number;
  updatedAt: number;
}

export function tokenBucket(capacity: number, perSecond: number, now: number): TokenBucket {
  return { capacity, perSecond, tokens: capacity, updatedAt: now };
}

/** Takes `cost` tokens if the bucket has them (returns true), else takes nothing (false). */
export function take(bucket: TokenBucket, cost: number, now: number): boolean {
  const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
  bucket.tokens = Math.min(bucket.capacity, bucket.tokens + elapsed * bucket.perSecond);
  bucket.updatedAt = now;
  if (bucket.tokens < cost) return false;
  bucket.tokens -= cost;
  return true;
}
