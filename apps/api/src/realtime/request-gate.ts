// The request gate's state on this node: one budget per socket, one per user shared by that
// user's sockets here, and the cost of each request type. The rule itself is pure
// (@piiri/domain/request-gate). Budgets are per API node: a shared counter (Redis, database)
// would cost a round trip on every message, more than most requests cost to serve; a user's
// sockets on N nodes get at most N user budgets, and each socket its own.
import {
  admit,
  newBudget,
  newSocketGate,
  type Budget,
  type GateLimits,
  type GateVerdict,
  type SocketGate,
} from "@piiri/domain/request-gate";
import { MAX_SOCKET_MESSAGE_BYTES } from "@piiri/domain/board/limits";
import type { AckError, ClientRequestType } from "@piiri/protocol/realtime";
import { maxMessageBytes, rawSizeOf } from "./message-size.ts";
import type { PiiriSocket } from "./server.ts";

/**
 * A drawing client sends up to ~25 board batches and ~20 pointer moves a second plus clock
 * samples, in bursts; a socket gets twice that. A user gets two sockets' worth however many
 * they open. Bytes: a 2 MB image now and then, and board batches.
 */
export const DEFAULT_GATE_LIMITS: GateLimits = {
  perSocket: {
    burst: 200,
    perSecond: 100,
    bytesBurst: 6 * 1024 * 1024,
    bytesPerSecond: 2 * 1024 * 1024,
  },
  perUser: {
    burst: 400,
    perSecond: 200,
    bytesBurst: 12 * 1024 * 1024,
    bytesPerSecond: 4 * 1024 * 1024,
  },
  strikes: { max: 100, windowMs: 10_000 },
};

/**
 * Requests that cost the server more than a small update weigh more. A join authorizes against
 * the database and sends the socket every feature's full state.
 */
const COST: Partial<Record<ClientRequestType, number>> = {
  "session.join": 10,
  "session.leave": 2,
};

export function requestCost(type: unknown): number {
  return (typeof type === "string" ? COST[type as ClientRequestType] : undefined) ?? 1;
}

/** A user's budget outlives their last socket this long: reconnecting does not refill it. */
const USER_BUDGET_LINGER_MS = 60_000;
/**
 * After a user's socket was cut off, their new connections are refused this long, so a client
 * that reconnects at once cannot start each connection with a fresh join and burst.
 */
export const CUT_OFF_COOLDOWN_MS = 30_000;

export class RequestGate {
  private readonly sockets = new Map<string, SocketGate>();
  private readonly users = new Map<string, { budget: Budget; sockets: number }>();
  /** userId → until when their new connections are refused. */
  private readonly cooldowns = new Map<string, number>();

  constructor(
    private readonly limits: GateLimits = DEFAULT_GATE_LIMITS,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Gives the socket its budget (and the user's) until it disconnects. */
  watch(socket: PiiriSocket): void {
    const { userId } = socket.data;
    this.opened(socket.id, userId);
    socket.on("disconnect", () => this.closed(socket.id, userId));
  }

  /**
   * Before anything looks inside a message: the socket's and the user's budgets (by the type's
   * cost and the frame's size), then the type's size cap. Null lets the request through; a
   * socket that keeps going after refusals is told why and disconnected.
   */
  screen(socket: PiiriSocket, raw: unknown): AckError | null {
    const type = typeof raw === "object" && raw !== null ? (raw as { type?: unknown }).type : null;
    const bytes = rawSizeOf(raw) ?? MAX_SOCKET_MESSAGE_BYTES;
    const verdict = this.admit(socket.id, socket.data.userId, { cost: requestCost(type), bytes });
    if (verdict === "disconnect") {
      this.cooldowns.set(socket.data.userId, this.clock() + CUT_OFF_COOLDOWN_MS);
      setImmediate(() => cutOff(socket));
    }
    if (verdict !== "pass") {
      return { ok: false, code: "RATE_LIMITED", message: "too many messages; slow down" };
    }
    const max = maxMessageBytes(type);
    if (bytes > max) {
      return {
        ok: false,
        code: "PAYLOAD_TOO_LARGE",
        message: `a message may be at most ${max} bytes`,
      };
    }
    return null;
  }

  /** Whether the user's sockets were cut off a moment ago (refuse their new connections). */
  coolingDown(userId: string): boolean {
    const until = this.cooldowns.get(userId);
    if (until === undefined) return false;
    if (until > this.clock()) return true;
    this.cooldowns.delete(userId);
    return false;
  }

  private opened(socketId: string, userId: string): void {
    const now = this.clock();
    this.sockets.set(socketId, newSocketGate(this.limits, now));
    const user = this.users.get(userId);
    if (user) user.sockets += 1;
    else this.users.set(userId, { budget: newBudget(this.limits.perUser, now), sockets: 1 });
  }

  private closed(socketId: string, userId: string): void {
    this.sockets.delete(socketId);
    const user = this.users.get(userId);
    if (!user) return;
    user.sockets -= 1;
    if (user.sockets > 0) return;
    setTimeout(() => {
      if (this.users.get(userId)?.sockets === 0) this.users.delete(userId);
    }, USER_BUDGET_LINGER_MS).unref();
  }

  private admit(
    socketId: string,
    userId: string,
    request: { cost: number; bytes: number },
  ): GateVerdict {
    const socket = this.sockets.get(socketId);
    const user = this.users.get(userId);
    if (!socket || !user) return "disconnect";
    return admit(socket, user.budget, request, this.limits, this.clock());
  }
}

/** Says why, then closes the connection (the client does not reconnect by itself). */
function cutOff(socket: PiiriSocket): void {
  if (socket.disconnected) return;
  socket.emit("event", { type: "connection.closing", reason: "RATE_LIMITED" });
  socket.disconnect(true);
}
