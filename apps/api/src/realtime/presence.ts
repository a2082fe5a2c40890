import type { Server, Socket } from "socket.io";
import { rosterFromConnections, type PresenceConnection } from "@piiri/domain/presence";
import type { Ack, ClientToServerEvents, ServerToClientEvents } from "@piiri/protocol/realtime";
import { opensOnEntry } from "@piiri/domain/session-access";
import { refusalFor, sessionStanding } from "../http/access.ts";
import { AppError } from "../errors.ts";
import type { FeatureHooks, LeaveReason, RealtimeContext, RealtimeFeature } from "./feature.ts";
import { SessionHours } from "./session-hours.ts";

/** Kept on each socket (plain data, so a cluster adapter can fetch it from other nodes). */
export interface SocketData {
  userId: string;
  /** The sign-in (better-auth session id) this socket was opened with; it ends with it. */
  signInId: string;
  /** sessionId → how this connection appears in that session (only once it is let in). */
  presence: Record<string, PresenceConnection>;
  /** sessionId → who this connection is, while it waits in that session's lobby. */
  lobby: Record<string, PresenceConnection>;
  /** sessionId → this browser's announced E2EE public key in that session. */
  e2ee: Record<string, string>;
}

/** Messages between API nodes (socket.io serverSideEmit through the Redis adapter). */
export interface InterServerEvents {
  /** These members were admitted: move their waiting sockets on your node into the session. */
  "live:admitted": (sessionId: string, membershipIds: string[]) => void;
  /** Evict from the session this member's sockets (or, with null, everyone's) on your node. */
  "live:evict": (
    sessionId: string,
    membershipId: string | null,
    reason: "removed" | "ended",
  ) => void;
  /** A board's frames or their anonymity changed: forget where its anonymous frames are. */
  "board:areas": (groupId: string) => void;
  /** A supervisor opened this session: let your sockets waiting for it try the door again. */
  "session:opened": (sessionId: string) => void;
}

type IO = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type IOSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
/** One member's admitted sockets in a session (several tabs, several nodes). */
export const memberRoom = (sessionId: string, membershipId: string) =>
  `session:${sessionId}:member:${membershipId}`;
/** Everyone waiting in a session's lobby. */
export const lobbyRoom = (sessionId: string) => `lobby:${sessionId}`;
/** One member's waiting sockets. */
export const lobbyMemberRoom = (sessionId: string, membershipId: string) =>
  `lobby:${sessionId}:member:${membershipId}`;

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

/**
 * Decides at the door whether a socket that may join a session (member, session joinable) goes
 * in now or waits. The live feature's lobby implements it; without one everyone goes in.
 */
export interface SessionDoor {
  /**
   * "enter": let the socket in now. "wait": the door has put the socket in a lobby (it must not
   * enter). Throws an AppError to refuse.
   */
  knock(
    socket: IOSocket,
    sessionId: string,
    connection: PresenceConnection,
  ): Promise<"enter" | "wait">;
  /** The socket stopped waiting (left, or disconnected) in these sessions' lobbies. */
  leftLobby(sessionId: string): Promise<void>;
}

export const OPEN_DOOR: SessionDoor = {
  knock: () => Promise.resolve("enter"),
  leftLobby: () => Promise.resolve(),
};

/** What entering and leaving a session needs: the broadcaster and every feature's hooks. */
export interface SessionHall {
  presence: PresenceBroadcaster;
  features: readonly FeatureHooks[];
}

/**
 * Puts a socket in a session: presence, the session's rooms, a presence broadcast, then every
 * feature's onJoin so the socket receives each feature's full state.
 */
export async function enterSession(
  hall: SessionHall,
  socket: IOSocket,
  sessionId: string,
  connection: PresenceConnection,
): Promise<void> {
  if (socket.disconnected) return;
  socket.data.presence[sessionId] = connection;
  await socket.join([sessionRoom(sessionId), memberRoom(sessionId, connection.membershipId)]);
  await hall.presence.broadcast(sessionId);
  for (const feature of hall.features) {
    if (socket.disconnected || !(sessionId in socket.data.presence)) return;
    await feature.onJoin?.(socket, sessionId);
  }
}

/** Takes a socket out of a session (leave, removal, end): rooms, presence, features' onLeave. */
export async function exitSession(
  hall: SessionHall,
  socket: IOSocket,
  sessionId: string,
  reason: LeaveReason,
): Promise<void> {
  const connection = socket.data.presence[sessionId];
  if (!connection) return;
  // Build new objects: deleting a dynamic key is disallowed by lint and this is just as cheap.
  socket.data.presence = without(socket.data.presence, sessionId);
  socket.data.e2ee = without(socket.data.e2ee, sessionId);
  // The session's room and every sub-room a feature keyed under it (member, moderators …).
  const prefix = sessionRoom(sessionId);
  for (const room of [...socket.rooms]) {
    if (room === prefix || room.startsWith(`${prefix}:`)) await socket.leave(room);
  }
  await hall.presence.broadcast(sessionId);
  for (const feature of hall.features) {
    await feature.onLeave?.(sessionId, connection.membershipId, reason);
  }
}

/** Takes a socket out of a session's lobby; returns whether it was waiting there. */
export async function exitLobby(socket: IOSocket, sessionId: string): Promise<boolean> {
  const waiting = socket.data.lobby[sessionId];
  if (!waiting) return false;
  socket.data.lobby = without(socket.data.lobby, sessionId);
  await socket.leave(lobbyRoom(sessionId));
  await socket.leave(lobbyMemberRoom(sessionId, waiting.membershipId));
  return true;
}

/** This node's sockets in a room (only a socket's own node can move it between rooms). */
export function localSocketsIn(io: IO, room: string): IOSocket[] {
  const ids = io.of("/").adapter.rooms.get(room);
  if (!ids) return [];
  return [...ids].flatMap((id) => {
    const socket = io.sockets.sockets.get(id);
    return socket ? [socket] : [];
  });
}

export function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([id]) => id !== key));
}

/**
 * session.join / session.leave: presence itself. A join is decided by the access rule (member of
 * the group; for a participant the session open, not removed): a participant early for a
 * session waits for it to open (SessionHours lets them in then); a supervisor entering opens it
 * to participants. Then the door decides: in now (every feature's onJoin runs, so the socket
 * receives each feature's full state) or wait in the lobby.
 */
export function presenceFeature(
  context: RealtimeContext,
  hall: SessionHall,
  door: SessionDoor,
): RealtimeFeature<"session.join" | "session.leave"> {
  const { deps } = context;
  const hours = new SessionHours(context, hall, join);
  /** Joins under way per socket: a join sent again meanwhile waits for the same one. */
  const joining = new WeakMap<IOSocket, Map<string, Promise<Ack>>>();

  async function join(socket: IOSocket, sessionId: string): Promise<void> {
    const { standing, membership, session } = await sessionStanding(
      deps,
      sessionId,
      socket.data.userId,
    );
    if (socket.disconnected) return;
    switch (standing.kind) {
      case "over":
      case "removed":
        throw refusalFor(standing);
      case "notYet":
        await hours.waitForOpening(socket, sessionId, standing.opensAt);
        return;
      case "lobby":
      case "in":
        break;
    }
    await hours.stopWaiting(socket, sessionId);
    if (opensOnEntry(membership.role, session, deps.now())) await hours.open(sessionId);
    const connection: PresenceConnection = {
      membershipId: membership.id,
      displayName: membership.displayName,
      role: membership.role,
    };
    if ((await door.knock(socket, sessionId, connection)) === "wait") return;
    if (await exitLobby(socket, sessionId)) await door.leftLobby(sessionId);
    await enterSession(hall, socket, sessionId, connection);
  }

  return {
    handlers: {
      "session.join": (socket, { sessionId }) => {
        // Already in: the socket has had every feature's state and follows every change since.
        // Joining again changes nothing, so it costs nothing (no database, no resend).
        if (sessionId in socket.data.presence) return Promise.resolve({ ok: true });
        let pending = joining.get(socket);
        if (!pending) {
          pending = new Map<string, Promise<Ack>>();
          joining.set(socket, pending);
        }
        const underWay = pending.get(sessionId);
        if (underWay) return underWay;
        const attempt = join(socket, sessionId)
          .then((): Ack => ({ ok: true }))
          .finally(() => pending.delete(sessionId));
        pending.set(sessionId, attempt);
        return attempt;
      },
      "session.leave": async (socket, request) => {
        await hours.stopWaiting(socket, request.sessionId);
        if (await exitLobby(socket, request.sessionId)) await door.leftLobby(request.sessionId);
        await exitSession(hall, socket, request.sessionId, "left");
        return { ok: true };
      },
    },
    onJoin: (socket, sessionId) => hours.entered(socket, sessionId),
    close: () => {
      hours.close();
      return Promise.resolve();
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
