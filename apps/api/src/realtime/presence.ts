import type { Server, Socket } from "socket.io";
import { rosterFromConnections, type PresenceConnection } from "@piiri/domain/presence";
import type { ClientToServerEvents, ServerToClientEvents } from "@piiri/protocol/realtime";
import { authorizeSession, requireJoinable } from "../http/access.ts";
import { AppError } from "../errors.ts";
import type { Deps } from "../http/context.ts";
import type { RealtimeContext, RealtimeFeature } from "./feature.ts";

/** Kept on each socket (plain data, so a cluster adapter can fetch it from other nodes). */
export interface SocketData {
  userId: string;
  /** sessionId → how this connection appears in that session. */
  presence: Record<string, PresenceConnection>;
}

type IO = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type IOSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/**
 * Sends each session's full participant list to everyone in it after every change. The list is
 * computed from the sockets actually in the room, never from a separate counter that could
 * drift, and broadcasts for one session are serialised so a slower, older snapshot can never
 * arrive after a newer one.
 */
export class PresenceBroadcaster {
  private readonly queues = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(private readonly io: IO) {}

  /** Stops broadcasting (the server is closing) and waits for broadcasts under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.queues.values());
  }

  broadcast(sessionId: string): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const previous = this.queues.get(sessionId) ?? Promise.resolve();
    const next = previous
      .then(() => this.send(sessionId))
      .catch((error: unknown) => {
        console.error("presence broadcast failed", error);
      });
    this.queues.set(sessionId, next);
    void next.finally(() => {
      if (this.queues.get(sessionId) === next) this.queues.delete(sessionId);
    });
    return next;
  }

  private async send(sessionId: string): Promise<void> {
    const sockets = await this.io.in(sessionRoom(sessionId)).fetchSockets();
    const connections = sockets.flatMap((socket) => {
      const connection = socket.data.presence[sessionId];
      return connection ? [connection] : [];
    });
    this.io.to(sessionRoom(sessionId)).emit("event", {
      type: "presence.snapshot",
      sessionId,
      participants: rosterFromConnections(connections),
    });
  }
}

export async function joinSession(
  socket: IOSocket,
  sessionId: string,
  deps: Deps,
  presence: PresenceBroadcaster,
): Promise<void> {
  const { session, membership } = await authorizeSession(
    deps.prisma,
    sessionId,
    socket.data.userId,
    "session.join",
  );
  requireJoinable(session);
  if (socket.disconnected) return;
  socket.data.presence[sessionId] = {
    membershipId: membership.id,
    displayName: membership.displayName,
    role: membership.role,
  };
  await socket.join(sessionRoom(sessionId));
  await presence.broadcast(sessionId);
}

export async function leaveSession(
  socket: IOSocket,
  sessionId: string,
  presence: PresenceBroadcaster,
): Promise<void> {
  if (!(sessionId in socket.data.presence)) return;
  // Build a new object: deleting a dynamic key is disallowed by lint and this is just as cheap.
  socket.data.presence = Object.fromEntries(
    Object.entries(socket.data.presence).filter(([id]) => id !== sessionId),
  );
  await socket.leave(sessionRoom(sessionId));
  await presence.broadcast(sessionId);
}

/**
 * session.join / session.leave: presence itself. After a join every other feature's onJoin runs,
 * so the socket receives each feature's full state.
 */
export function presenceFeature(
  { deps, presence }: RealtimeContext,
  features: readonly RealtimeFeature[],
): RealtimeFeature<"session.join" | "session.leave"> {
  return {
    handlers: {
      "session.join": async (socket, request) => {
        await joinSession(socket, request.sessionId, deps, presence);
        if (socket.disconnected) return { ok: true };
        for (const feature of features) await feature.onJoin?.(socket, request.sessionId);
        return { ok: true };
      },
      "session.leave": async (socket, request) => {
        const connection = socket.data.presence[request.sessionId];
        await leaveSession(socket, request.sessionId, presence);
        if (connection) {
          for (const feature of features)
            await feature.onLeave?.(request.sessionId, connection.membershipId);
        }
        return { ok: true };
      },
    },
  };
}

/**
 * How this socket takes part in a session, or a refusal. Every feature request that names a
 * session authorizes with this: a socket is in a session only after `session.join` let it in
 * (membership checked, and — with the lobby — admitted), and it leaves on removal or disconnect.
 */
export function requireInSession(socket: IOSocket, sessionId: string): PresenceConnection {
  const connection = socket.data.presence[sessionId];
  if (!connection) throw new AppError("NOT_A_MEMBER", "join the session first");
  return connection;
}

/** The memberships that have at least one socket in the session now (across all API nodes). */
export async function membersInSession(io: IO, sessionId: string): Promise<Set<string>> {
  const sockets = await io.in(sessionRoom(sessionId)).fetchSockets();
  const members = new Set<string>();
  for (const socket of sockets) {
    const connection = socket.data.presence[sessionId];
    if (connection) members.add(connection.membershipId);
  }
  return members;
}
