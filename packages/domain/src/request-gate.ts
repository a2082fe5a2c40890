// The door every socket request passes before any parsing or database work: token buckets per
// socket and per user (a user's sockets share one), in requests (weighted by cost) and in raw
// bytes. A refused request costs nothing; a socket that keeps getting refused is cut off.
// Time is passed in; the server keeps the state per socket and per user.
import { tokenBucket, type TokenBucket } from "./board/rate-limit.ts";
import { EMPTY_RATE_WINDOW, tryAccept, type RateWindow } from "./live-rate.ts";

export interface BudgetLimits {
  /** Request units at once, and per second after that (a request costs 1 or its weight). */
  burst: number;
  perSecond: number;
  /** Raw message bytes at once, and per second after that. */
  bytesBurst: number;
  bytesPerSecond: number;
}

export interface GateLimits {
  perSocket: BudgetLimits;
  /** Shared by all of one user's sockets (on one API node). */
  perUser: BudgetLimits;
  /** This many refusals within `windowMs` and the socket is disconnected. */
  strikes: { max: number; windowMs: number };
}

export interface Budget {
  requests: TokenBucket;
  bytes: TokenBucket;
}

export interface SocketGate {
  budget: Budget;
  strikes: RateWindow;
}

export type GateVerdict = "pass" | "refuse" | "disconnect";

export function newBudget(limits: BudgetLimits, now: number): Budget {
  return {
    requests: tokenBucket(limits.burst, limits.perSecond, now),
    bytes: tokenBucket(limits.bytesBurst, limits.bytesPerSecond, now),
  };
}

export function newSocketGate(limits: GateLimits, now: number): SocketGate {
  return { budget: newBudget(limits.perSocket, now), strikes: EMPTY_RATE_WINDOW };
}

function refill(bucket: TokenBucket, now: number): void {
  const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
  bucket.tokens = Math.min(bucket.capacity, bucket.tokens + elapsed * bucket.perSecond);
  bucket.updatedAt = Math.max(bucket.updatedAt, now);
}

/**
 * Lets one request through if both the socket's and the user's budgets have room for its cost
 * and size (then takes from both), else refuses it and takes nothing but a strike. Enough
 * strikes within the window: "disconnect".
 */
export function admit(
  socket: SocketGate,
  user: Budget,
  request: { cost: number; bytes: number },
  limits: GateLimits,
  now: number,
): GateVerdict {
  const takes: [TokenBucket, number][] = [
    [socket.budget.requests, request.cost],
    [socket.budget.bytes, request.bytes],
    [user.requests, request.cost],
    [user.bytes, request.bytes],
  ];
  for (const [bucket] of takes) refill(bucket, now);
  if (takes.every(([bucket, amount]) => bucket.tokens >= amount)) {
    for (const [bucket, amount] of takes) bucket.tokens -= amount;
    return "pass";
  }
  const strike = tryAccept(socket.strikes, now, {
    burst: limits.strikes.max - 1,
    windowMs: limits.strikes.windowMs,
  });
  socket.strikes = strike.window;
  return strike.allowed ? "refuse" : "disconnect";
}
