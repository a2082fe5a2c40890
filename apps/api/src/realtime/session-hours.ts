// A session's hours at the door, for participants (the rule is @piiri/domain/session-access):
// before it opens their sockets wait and are let in by themselves when it opens (at its time, or
// on every API node as soon as a supervisor enters); when it closes (its end plus the grace)
// they are taken out. Supervisors and co-supervisors are never held or taken out by time.
import { leadsSessions, sessionClosesAt } from "@piiri/domain/session-access";
import { openSessionToParticipants } from "@piiri/db/repositories/live";
import { findSessionTimes } from "@piiri/db/repositories/sessions";
import { AppError } from "../errors.ts";
import type { RealtimeContext } from "./feature.ts";
import { exitSession, localSocketsIn, sessionRoom, type SessionHall } from "./presence.ts";
import type { PiiriSocket } from "./server.ts";

/** A session's sockets that wait for it to open. */
export const openingRoom = (sessionId: string) => `opening:${sessionId}`;

/** setTimeout fires at once beyond ~24.8 days; a long wait is re-checked now and then instead. */
const MAX_TIMER_MS = 6 * 60 * 60_000;

/** Lets a waiting socket try the door again (presence's join, without an ack). */
export type Rejoin = (socket: PiiriSocket, sessionId: string) => Promise<void>;

export class SessionHours {
  /** Per session, this node's timer that lets its waiting sockets try again at the opening. */
  private readonly openings = new Map<string, ReturnType<typeof setTimeout>>();
  /** Per session, this node's timer that takes its participants out at the close. */
  private readonly closings = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly clustered: boolean;
  private stopped = false;

  constructor(
    private readonly context: RealtimeContext,
    private readonly hall: SessionHall,
    private readonly rejoin: Rejoin,
  ) {
    this.clustered = context.deps.config.redisUrl !== undefined;
    context.io.on("session:opened", (sessionId) => {
      void this.releaseLocal(sessionId);
    });
  }

  /** Stops every timer (the server is closing). */
  close(): void {
    this.stopped = true;
    for (const timer of [...this.openings.values(), ...this.closings.values()]) {
      clearTimeout(timer);
    }
    this.openings.clear();
    this.closings.clear();
  }

  /** The socket waits for the session to open: it is told when, and let in then by itself. */
  async waitForOpening(socket: PiiriSocket, sessionId: string, opensAt: Date): Promise<void> {
    await socket.join(openingRoom(sessionId));
    socket.emit("event", { type: "session.opening", sessionId, opensAt: opensAt.toISOString() });
    // A supervisor may have opened it since this join read it (the release missed this socket).
    const now = await findSessionTimes(this.context.deps.prisma, sessionId);
    if (now?.status === "open") {
      await this.releaseLocal(sessionId);
      return;
    }
    if (this.stopped || this.openings.has(sessionId)) return;
    const timer = setTimeout(() => {
      this.openings.delete(sessionId);
      void this.releaseLocal(sessionId);
    }, this.delayUntil(opensAt));
    this.openings.set(sessionId, timer);
  }

  async stopWaiting(socket: PiiriSocket, sessionId: string): Promise<void> {
    await socket.leave(openingRoom(sessionId));
  }

  /**
   * A supervisor or co-supervisor entered a scheduled session: it is open to participants from
   * now on (persisted), and the sockets waiting for it on every node try the door again.
   */
  async open(sessionId: string): Promise<void> {
    if (!(await openSessionToParticipants(this.context.deps.prisma, sessionId))) return;
    if (this.clustered) this.context.io.serverSideEmit("session:opened", sessionId);
    await this.releaseLocal(sessionId);
  }

  /**
   * A socket entered a session: a participant's leaves when the session closes (at once when it
   * has closed already, e.g. let in from the lobby after the close).
   */
  async entered(socket: PiiriSocket, sessionId: string): Promise<void> {
    const connection = socket.data.presence[sessionId];
    if (!connection || leadsSessions(connection.role) || this.closings.has(sessionId)) return;
    const times = await findSessionTimes(this.context.deps.prisma, sessionId);
    if (!times || this.stopped || this.closings.has(sessionId)) return;
    const closesAt = sessionClosesAt(times);
    if (closesAt.getTime() <= this.context.deps.now().getTime()) {
      await this.closeFor(socket, sessionId);
      return;
    }
    const timer = setTimeout(() => {
      this.closings.delete(sessionId);
      void this.closeLocal(sessionId, closesAt);
    }, this.delayUntil(closesAt));
    this.closings.set(sessionId, timer);
  }

  private delayUntil(at: Date): number {
    const delay = at.getTime() - this.context.deps.now().getTime();
    return Math.min(Math.max(delay, 0), MAX_TIMER_MS);
  }

  /** This node's sockets waiting for the session try the door again. */
  private async releaseLocal(sessionId: string): Promise<void> {
    if (this.stopped) return;
    for (const socket of localSocketsIn(this.context.io, openingRoom(sessionId))) {
      await socket.leave(openingRoom(sessionId));
      try {
        await this.rejoin(socket, sessionId);
      } catch (error) {
        this.tellRefused(socket, sessionId, error);
      }
    }
  }

  /** Its join was refused while it waited (removed, or the session ended meanwhile). */
  private tellRefused(socket: PiiriSocket, sessionId: string, error: unknown): void {
    if (error instanceof AppError && error.code === "REMOVED_FROM_SESSION") {
      socket.emit("event", { type: "live.admission", sessionId, status: "removed" });
    } else if (error instanceof AppError) {
      socket.emit("event", { type: "session.closed", sessionId });
    } else {
      console.error("letting a waiting socket in failed", error);
    }
  }

  /** The close: this node's participant sockets leave the session. */
  private async closeLocal(sessionId: string, closesAt: Date): Promise<void> {
    // A timer capped at MAX_TIMER_MS fired early: wait on.
    if (closesAt.getTime() > this.context.deps.now().getTime()) {
      const timer = setTimeout(() => {
        this.closings.delete(sessionId);
        void this.closeLocal(sessionId, closesAt);
      }, this.delayUntil(closesAt));
      this.closings.set(sessionId, timer);
      return;
    }
    for (const socket of localSocketsIn(this.context.io, sessionRoom(sessionId))) {
      const connection = socket.data.presence[sessionId];
      if (connection && !leadsSessions(connection.role)) await this.closeFor(socket, sessionId);
    }
  }

  private async closeFor(socket: PiiriSocket, sessionId: string): Promise<void> {
    socket.emit("event", { type: "session.closed", sessionId });
    try {
      await exitSession(this.hall, socket, sessionId, "ended");
    } catch (error) {
      console.error("closing a session for a socket failed", error);
    }
  }
}
