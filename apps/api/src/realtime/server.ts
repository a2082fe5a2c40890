import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import { PROTOCOL_VERSION } from "@piiri/protocol/version";
import {
  ClientRequest,
  HandshakeAuth,
  type ClientRequestType,
  type Ack,
  type ClientToServerEvents,
  type ConnectRefusal,
  type ServerToClientEvents,
} from "@piiri/protocol/realtime";
import { AppError } from "../errors.ts";
import type { Deps } from "../http/context.ts";
import type { FeatureHooks, RealtimeContext, RequestHandlers } from "./feature.ts";
import {
  PresenceBroadcaster,
  presenceFeature,
  type InterServerEvents,
  type SessionHall,
  type SocketData,
} from "./presence.ts";
import { liveFeature } from "./live.ts";
import { roundsFeature } from "./rounds.ts";
import { MAX_SOCKET_MESSAGE_BYTES } from "@piiri/domain/board/limits";
import type { GateLimits } from "@piiri/domain/request-gate";
import { boardFeature } from "./board.ts";
import { bindToSignIn, endSignIn } from "./sign-in.ts";
import { presenceAttendanceFeature } from "../live/presence-attendance.ts";
import { measuringParser } from "./message-size.ts";
import { DEFAULT_GATE_LIMITS, RequestGate } from "./request-gate.ts";

export type PiiriServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type PiiriSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

/**
 * Biggest socket message we accept: one board image (2 MB data URL) with its envelope. Session
 * messages are small; the board feature caps element batches (512 KB) and rate-limits bytes.
 */
const MAX_MESSAGE_BYTES = MAX_SOCKET_MESSAGE_BYTES;

function refuse(reason: ConnectRefusal): Error {
  return new Error(reason);
}

export interface Realtime {
  io: PiiriServer;
  /** A sign-in ended (sign-out, revocation, user deleted): its sockets end, on every node. */
  endSignIn(authSessionId: string): void;
  /** Closes socket.io (and with it the HTTP server) once no broadcast is under way. */
  close(): Promise<void>;
}

export interface RealtimeOptions {
  /**
   * The request gate's budgets (default: DEFAULT_GATE_LIMITS). Benches where one simulated
   * person stands in for one person in each of many sessions scale the per-user budget.
   */
  gateLimits?: GateLimits;
}

export function attachRealtime(
  httpServer: HttpServer,
  deps: Deps,
  trustedOrigins: () => string[],
  options: RealtimeOptions = {},
): Realtime {
  const io: PiiriServer = new Server(httpServer, {
    path: "/socket.io",
    serveClient: false,
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    parser: measuringParser,
    // Same-origin only: a page on another origin may not open a socket with our cookies.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, origin === undefined || trustedOrigins().includes(origin));
    },
  });
  const presence = new PresenceBroadcaster(io);
  const context: RealtimeContext = { io, deps, presence };
  // One line per feature. The handler table's type demands a handler for every request type.
  const features: FeatureHooks[] = [];
  const hall: SessionHall = { presence, features };
  const live = liveFeature(context, hall);
  const sessions = presenceFeature(context, hall, live.door);
  const rounds = roundsFeature(context);
  const board = boardFeature(context);
  // Attendance after the live feature: a removed member it turns away never opens an interval.
  features.push(sessions, live, presenceAttendanceFeature(context), rounds, board);
  const handlers: RequestHandlers<ClientRequestType> = {
    ...sessions.handlers,
    ...live.handlers,
    ...rounds.handlers,
    ...board.handlers,
  };

  const gate = new RequestGate(options.gateLimits ?? DEFAULT_GATE_LIMITS);

  io.use((socket, next) => {
    const auth = HandshakeAuth.safeParse(socket.handshake.auth);
    if (!auth.success || auth.data.protocolVersion !== PROTOCOL_VERSION) {
      next(refuse("PROTOCOL_MISMATCH"));
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(socket.handshake.headers)) {
      if (typeof value === "string") headers.set(name, value);
      else if (Array.isArray(value)) headers.set(name, value.join(", "));
    }
    deps.auth.api
      .getSession({ headers })
      .then((session) => {
        if (!session) return next(refuse("UNAUTHENTICATED"));
        if (gate.coolingDown(session.user.id)) return next(refuse("RATE_LIMITED"));
        socket.data = {
          userId: session.user.id,
          signInId: session.session.id,
          presence: {},
          lobby: {},
          e2ee: {},
        };
        next();
      })
      .catch((error: unknown) => {
        console.error("socket authentication failed", error);
        next(refuse("UNAUTHENTICATED"));
      });
  });

  io.on("connection", (socket) => {
    bindToSignIn(socket, deps).catch((error: unknown) => {
      console.error("binding a socket to its sign-in failed", error);
      socket.disconnect(true);
    });
    gate.watch(socket);
    socket.on("request", (raw: unknown, ack: unknown) => {
      const reply = typeof ack === "function" ? (ack as (result: Ack) => void) : () => undefined;
      // Before anything looks inside the message.
      const refusal = gate.screen(socket, raw);
      if (refusal) {
        reply(refusal);
        return;
      }
      handleRequest(socket, raw, handlers).then(reply, (error: unknown) => {
        if (error instanceof AppError) {
          reply({ ok: false, code: error.code, message: error.message });
          return;
        }
        console.error("socket request failed", error);
        reply({ ok: false, code: "INTERNAL", message: "internal error" });
      });
    });
    socket.onAny((event: string, ...args: unknown[]) => {
      if (event === "request") return;
      // Unknown events spend the same budget, so flooding them ends the same way.
      if (gate.screen(socket, args[0]) !== null) return;
      const ack = args.at(-1);
      if (typeof ack === "function") {
        (ack as (result: Ack) => void)({
          ok: false,
          code: "UNKNOWN_EVENT",
          message: `unknown event "${event}"`,
        });
      }
    });
    socket.on("disconnecting", () => {
      const left = Object.entries(socket.data.presence);
      const lobbies = Object.keys(socket.data.lobby);
      socket.data.presence = {};
      socket.data.lobby = {};
      socket.data.e2ee = {};
      // The socket leaves its rooms right after this handler; tell the features once it has.
      setImmediate(() => {
        for (const sessionId of lobbies) {
          live.door.leftLobby(sessionId).catch((error: unknown) => {
            console.error("lobby leave failed", error);
          });
        }
        for (const [sessionId, connection] of left) {
          void presence.broadcast(sessionId);
          for (const feature of features) {
            feature
              .onLeave?.(sessionId, connection.membershipId, "disconnected")
              .catch((error: unknown) => {
                console.error("realtime feature leave failed", error);
              });
          }
        }
      });
    });
  });
  return {
    io,
    endSignIn: (authSessionId) => endSignIn(io, authSessionId),
    async close() {
      await Promise.all(features.map(async (feature) => feature.close?.()));
      await presence.stop();
      await io.close();
    },
  };
}

async function handleRequest(
  socket: PiiriSocket,
  raw: unknown,
  handlers: RequestHandlers<ClientRequestType>,
): Promise<Ack> {
  const parsed = ClientRequest.safeParse(raw);
  if (!parsed.success) {
    throw new AppError("INVALID_MESSAGE", parsed.error.issues[0]?.message ?? "invalid message");
  }
  const request = parsed.data;
  const handler = handlers[request.type] as (
    socket: PiiriSocket,
    request: ClientRequest,
  ) => Promise<Ack>;
  return handler(socket, request);
}
