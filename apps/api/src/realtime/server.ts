import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import { PROTOCOL_VERSION } from "@piiri/protocol/version";
import {
  ClientRequest,
  HandshakeAuth,
  type Ack,
  type ClientToServerEvents,
  type ConnectRefusal,
  type ServerToClientEvents,
} from "@piiri/protocol/realtime";
import { AppError } from "../errors.ts";
import type { Deps } from "../http/context.ts";
import { assertNever } from "../assert-never.ts";
import { joinSession, leaveSession, PresenceBroadcaster, type SocketData } from "./presence.ts";

export type PiiriServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type PiiriSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Biggest socket message we accept; session-state messages are small. */
const MAX_MESSAGE_BYTES = 16 * 1024;

function refuse(reason: ConnectRefusal): Error {
  return new Error(reason);
}

export interface Realtime {
  io: PiiriServer;
  /** Closes socket.io (and with it the HTTP server) once no broadcast is under way. */
  close(): Promise<void>;
}

export function attachRealtime(
  httpServer: HttpServer,
  deps: Deps,
  trustedOrigins: () => string[],
): Realtime {
  const io: PiiriServer = new Server(httpServer, {
    path: "/socket.io",
    serveClient: false,
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    // Same-origin only: a page on another origin may not open a socket with our cookies.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, origin === undefined || trustedOrigins().includes(origin));
    },
  });
  const presence = new PresenceBroadcaster(io);

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
        socket.data = { userId: session.user.id, presence: {} };
        next();
      })
      .catch((error: unknown) => {
        console.error("socket authentication failed", error);
        next(refuse("UNAUTHENTICATED"));
      });
  });

  io.on("connection", (socket) => {
    socket.on("request", (raw: unknown, ack: unknown) => {
      const reply = typeof ack === "function" ? (ack as (result: Ack) => void) : () => undefined;
      handleRequest(socket, raw, deps, presence).then(reply, (error: unknown) => {
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
      const ack = args.at(-1);
      if (typeof ack === "function") {
        (ack as (result: Ack) => void)({ ok: false, code: "UNKNOWN_EVENT", message: `unknown event "${event}"` });
      }
    });
    socket.on("disconnecting", () => {
      const sessions = Object.keys(socket.data.presence);
      socket.data.presence = {};
      // The socket leaves its rooms right after this handler; broadcast once it has.
      setImmediate(() => {
        for (const sessionId of sessions) void presence.broadcast(sessionId);
      });
    });
  });
  return {
    io,
    async close() {
      await presence.stop();
      await io.close();
    },
  };
}

async function handleRequest(
  socket: PiiriSocket,
  raw: unknown,
  deps: Deps,
  presence: PresenceBroadcaster,
): Promise<Ack> {
  const parsed = ClientRequest.safeParse(raw);
  if (!parsed.success) {
    throw new AppError("INVALID_MESSAGE", parsed.error.issues[0]?.message ?? "invalid message");
  }
  const request = parsed.data;
  switch (request.type) {
    case "session.join":
      await joinSession(socket, request.sessionId, deps, presence);
      return { ok: true };
    case "session.leave":
      await leaveSession(socket, request.sessionId, presence);
      return { ok: true };
    default:
      return assertNever(request);
  }
}
