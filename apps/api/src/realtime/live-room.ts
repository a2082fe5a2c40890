// The live feature's state distribution: snapshots from the database to the session's sockets,
// the lobby list to moderators, E2EE public keys to admitted members, and moving sockets in and
// out of a session on every API node.
import { can } from "@piiri/domain/permissions";
import { handQueue } from "@piiri/domain/live-hands";
import type { PresenceConnection } from "@piiri/domain/presence";
import { listWaiting, readLiveSnapshot } from "@piiri/db/repositories/live";
import type { LiveLobbyEvent, LiveStateEvent } from "@piiri/protocol/live";
import type { RealtimeContext } from "./feature.ts";
import {
  enterSession,
  exitLobby,
  exitSession,
  lobbyMemberRoom,
  lobbyRoom,
  localSocketsIn,
  memberRoom,
  sessionRoom,
  type SessionHall,
} from "./presence.ts";
import type { PiiriSocket } from "./server.ts";

/** Sockets of moderators (who see the lobby) in a session; left with the session's rooms. */
export const moderatorsRoom = (sessionId: string) => `session:${sessionId}:moderators`;

/**
 * Runs tasks for one key one after another, so a snapshot read earlier can never be sent after
 * one read later.
 */
class SerialQueues {
  private readonly queues = new Map<string, Promise<void>>();
  private stopped = false;

  run(key: string, task: () => Promise<void>): Promise<void> {
    // Closing: sockets dropping now must not broadcast through a closed adapter or database.
    if (this.stopped) return Promise.resolve();
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(task).catch((error: unknown) => {
      console.error("live broadcast failed", error);
    });
    this.queues.set(key, next);
    void next.finally(() => {
      if (this.queues.get(key) === next) this.queues.delete(key);
    });
    return next;
  }

  /** Stops taking tasks and waits for those under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.queues.values());
  }
}

export class LiveRoom {
  private readonly queues = new SerialQueues();
  private readonly clustered: boolean;

  constructor(
    private readonly context: RealtimeContext,
    private readonly hall: SessionHall,
  ) {
    this.clustered = context.deps.config.redisUrl !== undefined;
    // Other nodes ask this one to move its own sockets (only a socket's node can change it).
    context.io.on("live:admitted", (sessionId, membershipIds) => {
      void this.admitLocal(sessionId, membershipIds);
    });
    context.io.on("live:evict", (sessionId, membershipId, reason) => {
      void this.evictLocal(sessionId, membershipId, reason);
    });
  }

  close(): Promise<void> {
    return this.queues.stop();
  }

  // ---- snapshots ----

  async stateEvent(sessionId: string): Promise<LiveStateEvent | null> {
    const snapshot = await readLiveSnapshot(this.context.deps.prisma, sessionId);
    if (!snapshot) return null;
    return {
      type: "live.state",
      sessionId,
      hands: handQueue(snapshot.hands).map((hand) => ({
        membershipId: hand.membershipId,
        raisedAt: hand.raisedAt.toISOString(),
      })),
      spotlight: snapshot.spotlight,
      lobbyEnabled: snapshot.lobbyEnabled,
      ended: snapshot.ended,
    };
  }

  broadcastState(sessionId: string): Promise<void> {
    return this.queues.run(`state:${sessionId}`, async () => {
      const event = await this.stateEvent(sessionId);
      if (event) this.context.io.to(sessionRoom(sessionId)).emit("event", event);
    });
  }

  /**
   * Who waits now: a pending knock in the database from a member who still has a socket in the
   * lobby (someone who closed the tab is not shown knocking).
   */
  async lobbyEvent(sessionId: string): Promise<LiveLobbyEvent> {
    const [pending, sockets] = await Promise.all([
      listWaiting(this.context.deps.prisma, sessionId),
      this.context.io.in(lobbyRoom(sessionId)).fetchSockets(),
    ]);
    const present = new Set(
      sockets.flatMap((socket) => {
        const waiting = socket.data.lobby[sessionId];
        return waiting ? [waiting.membershipId] : [];
      }),
    );
    return {
      type: "live.lobby",
      sessionId,
      waiting: pending
        .filter((member) => present.has(member.membershipId))
        .map((member) => ({
          membershipId: member.membershipId,
          displayName: member.displayName,
          role: member.role,
          knockedAt: member.knockedAt.toISOString(),
        })),
    };
  }

  broadcastLobby(sessionId: string): Promise<void> {
    return this.queues.run(`lobby:${sessionId}`, async () => {
      const event = await this.lobbyEvent(sessionId);
      this.context.io.to(moderatorsRoom(sessionId)).emit("event", event);
    });
  }

  /** Public keys announced by admitted sockets (one entry per connection). */
  async keysEvent(sessionId: string) {
    const sockets = await this.context.io.in(sessionRoom(sessionId)).fetchSockets();
    const keys = sockets.flatMap((socket) => {
      const connection = socket.data.presence[sessionId];
      const publicKey = socket.data.e2ee[sessionId];
      return connection && publicKey ? [{ membershipId: connection.membershipId, publicKey }] : [];
    });
    return { type: "live.e2ee.keys" as const, sessionId, keys };
  }

  broadcastKeys(sessionId: string): Promise<void> {
    return this.queues.run(`keys:${sessionId}`, async () => {
      const event = await this.keysEvent(sessionId);
      this.context.io.to(sessionRoom(sessionId)).emit("event", event);
    });
  }

  /** Everything a socket that just entered needs. */
  async sendAll(socket: PiiriSocket, sessionId: string, connection: PresenceConnection) {
    socket.emit("event", { type: "live.admission", sessionId, status: "admitted" });
    const state = await this.stateEvent(sessionId);
    if (state) socket.emit("event", state);
    if (can(connection.role, "session.admit")) {
      await socket.join(moderatorsRoom(sessionId));
      socket.emit("event", await this.lobbyEvent(sessionId));
    }
    socket.emit("event", await this.keysEvent(sessionId));
  }

  // ---- moving sockets, on every node ----

  /** Moves these members' waiting sockets (on every node) into the session. */
  async admit(sessionId: string, membershipIds: string[]): Promise<void> {
    if (membershipIds.length === 0) return;
    if (this.clustered) this.context.io.serverSideEmit("live:admitted", sessionId, membershipIds);
    await this.admitLocal(sessionId, membershipIds);
  }

  /** Moves this node's waiting sockets of these members into the session. */
  async admitLocal(sessionId: string, membershipIds: string[]): Promise<void> {
    for (const membershipId of membershipIds) {
      for (const socket of this.localSockets(lobbyMemberRoom(sessionId, membershipId))) {
        await this.admitSocket(socket, sessionId);
      }
    }
  }

  async admitSocket(socket: PiiriSocket, sessionId: string): Promise<void> {
    const waiting = socket.data.lobby[sessionId];
    if (!waiting) return;
    await exitLobby(socket, sessionId);
    try {
      await enterSession(this.hall, socket, sessionId, waiting);
    } catch (error) {
      console.error("admitting a socket failed", error);
    }
  }

  /**
   * Takes a member's sockets (or, with null, everyone's) out of the session and its lobby on
   * every node. Removed members are told so first.
   */
  async evict(
    sessionId: string,
    membershipId: string | null,
    reason: "removed" | "ended",
  ): Promise<void> {
    if (this.clustered)
      this.context.io.serverSideEmit("live:evict", sessionId, membershipId, reason);
    await this.evictLocal(sessionId, membershipId, reason);
  }

  async evictLocal(
    sessionId: string,
    membershipId: string | null,
    reason: "removed" | "ended",
  ): Promise<void> {
    const rooms =
      membershipId === null
        ? [sessionRoom(sessionId), lobbyRoom(sessionId)]
        : [memberRoom(sessionId, membershipId), lobbyMemberRoom(sessionId, membershipId)];
    const sockets = new Set(rooms.flatMap((room) => this.localSockets(room)));
    let lobbyChanged = false;
    for (const socket of sockets) {
      if (reason === "removed") {
        socket.emit("event", { type: "live.admission", sessionId, status: "removed" });
      }
      if (await exitLobby(socket, sessionId)) lobbyChanged = true;
      try {
        await exitSession(this.hall, socket, sessionId, reason);
      } catch (error) {
        console.error("evicting a socket failed", error);
      }
    }
    if (lobbyChanged) await this.broadcastLobby(sessionId);
  }

  /** This node's sockets in a room. */
  private localSockets(room: string): PiiriSocket[] {
    return localSocketsIn(this.context.io, room);
  }
}
