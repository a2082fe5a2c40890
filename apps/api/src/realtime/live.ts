// Live session (issue 3) over Piiri's socket: the lobby (the door of presence), hands,
// reactions, spotlight, supervisor controls (also through LiveKit's RoomService), and the E2EE
// key relay. Authoritative state lives in the database (see @piiri/db/repositories/live), so it
// survives reconnects and restarts and is the same on every API node; snapshots are pushed
// after every change and on join.
import { afterDecision, onJoinRequest } from "@piiri/domain/live-admission";
import { EMPTY_RATE_WINDOW, tryAccept, type RateWindow } from "@piiri/domain/live-rate";
import { can, type GroupAction } from "@piiri/domain/permissions";
import type { PresenceConnection } from "@piiri/domain/presence";
import {
  admitAllWaiting,
  clearSpotlightOn,
  endSession,
  findAdmission,
  findSessionGroupId,
  findSessionMember,
  isLobbyEnabled,
  lowerHand,
  raiseHand,
  recordAdmission,
  recordKnock,
  setLobbyEnabled,
  setSpotlight,
  type GroupMember,
} from "@piiri/db/repositories/live";
import { holdMedia } from "@piiri/db/repositories/media-holds";
import {
  LIVE_E2EE_BURST,
  LIVE_E2EE_WINDOW_MS,
  LIVE_REACTION_BURST,
  LIVE_REACTION_WINDOW_MS,
} from "@piiri/protocol/live";
import { AppError } from "../errors.ts";
import { roomNameForSession } from "../livekit/tokens.ts";
import type { RealtimeContext, RealtimeFeature } from "./feature.ts";
import { LiveRoom } from "./live-room.ts";
import {
  exitSession,
  lobbyMemberRoom,
  membersInSession,
  lobbyRoom,
  memberRoom,
  requireInSession,
  sessionRoom,
  type SessionDoor,
  type SessionHall,
} from "./presence.ts";
import type { PiiriSocket } from "./server.ts";

type LiveRequestType =
  | "live.admit"
  | "live.admitAll"
  | "live.decline"
  | "live.lobby.set"
  | "live.hand.raise"
  | "live.hand.lower"
  | "live.reaction"
  | "live.spotlight"
  | "live.mute"
  | "live.remove"
  | "live.end"
  | "live.e2ee.announce"
  | "live.e2ee.share";

export interface LiveFeature extends RealtimeFeature<LiveRequestType> {
  /** The lobby: presence asks it whether a joining socket goes in or waits. */
  door: SessionDoor;
}

function requireAllowed(connection: PresenceConnection, action: GroupAction): void {
  if (!can(connection.role, action)) {
    throw new AppError("NOT_SUPERVISOR", "only the group's supervisor can do this");
  }
}

export function liveFeature(context: RealtimeContext, hall: SessionHall): LiveFeature {
  const { deps, io } = context;
  const { prisma } = deps;
  const room = new LiveRoom(context, hall);
  const reactionWindows = new WeakMap<PiiriSocket, RateWindow>();
  const e2eeWindows = new WeakMap<PiiriSocket, RateWindow>();
  const E2EE_LIMITS = { burst: LIVE_E2EE_BURST, windowMs: LIVE_E2EE_WINDOW_MS };

  /** Per-socket sliding-window limit; RATE_LIMITED when exceeded. */
  function limit(
    windows: WeakMap<PiiriSocket, RateWindow>,
    socket: PiiriSocket,
    limits: { burst: number; windowMs: number },
  ): void {
    const result = tryAccept(windows.get(socket) ?? EMPTY_RATE_WINDOW, Date.now(), limits);
    windows.set(socket, result.window);
    if (!result.allowed) throw new AppError("RATE_LIMITED", "too many messages; wait a moment");
  }

  /** A member of this session's group, or MEMBER_NOT_FOUND (never reveals other groups). */
  async function requireTarget(sessionId: string, membershipId: string): Promise<GroupMember> {
    const member = await findSessionMember(prisma, sessionId, membershipId);
    if (!member) throw new AppError("MEMBER_NOT_FOUND", "no such member in this session's group");
    return member;
  }

  /** Settles a knock that raced with a decision: the socket follows the stored status. */
  async function settleWaiting(socket: PiiriSocket, sessionId: string, membershipId: string) {
    const status = await findAdmission(prisma, sessionId, membershipId);
    if (status === "admitted") await room.admitSocket(socket, sessionId);
    else if (status === "removed") await room.evictLocal(sessionId, membershipId, "removed");
  }

  const door: SessionDoor = {
    async knock(socket, sessionId, connection) {
      const groupId = await findSessionGroupId(prisma, sessionId);
      if (!groupId) throw new AppError("SESSION_NOT_FOUND", "no such session");
      const [current, lobbyEnabled] = await Promise.all([
        findAdmission(prisma, sessionId, connection.membershipId),
        isLobbyEnabled(prisma, groupId),
      ]);
      const outcome = onJoinRequest(current, {
        bypassesLobby: can(connection.role, "session.bypassLobby"),
        lobbyEnabled,
      });
      const now = deps.now();
      if (outcome.kind === "refuse") {
        throw new AppError("REMOVED_FROM_SESSION", "you were removed from this session");
      }
      if (outcome.kind === "enter") {
        if (current !== "admitted") {
          const stored = await recordAdmission(
            prisma,
            sessionId,
            connection.membershipId,
            "admitted",
            now,
          );
          if (stored === "removed") {
            throw new AppError("REMOVED_FROM_SESSION", "you were removed from this session");
          }
        }
        return "enter";
      }
      const stored = await recordKnock(prisma, sessionId, connection.membershipId, now);
      if (stored === "removed") {
        throw new AppError("REMOVED_FROM_SESSION", "you were removed from this session");
      }
      if (stored === "admitted") return "enter";
      if (socket.disconnected) return "wait";
      socket.data.lobby[sessionId] = connection;
      await socket.join([
        lobbyRoom(sessionId),
        lobbyMemberRoom(sessionId, connection.membershipId),
      ]);
      socket.emit("event", { type: "live.admission", sessionId, status: "waiting" });
      await room.broadcastLobby(sessionId);
      // An admit or removal may have landed between the knock and joining the lobby rooms.
      await settleWaiting(socket, sessionId, connection.membershipId);
      return "wait";
    },
    leftLobby: (sessionId) => room.broadcastLobby(sessionId),
  };

  return {
    door,
    async onJoin(socket, sessionId) {
      const connection = socket.data.presence[sessionId];
      if (!connection) return;
      // A removal may have landed while this socket was entering.
      if ((await findAdmission(prisma, sessionId, connection.membershipId)) === "removed") {
        socket.emit("event", { type: "live.admission", sessionId, status: "removed" });
        await exitSession(hall, socket, sessionId, "removed");
        return;
      }
      await room.sendAll(socket, sessionId, connection);
    },
    async onLeave(sessionId, membershipId, reason) {
      // A dropped connection keeps the raised hand (a reconnect keeps the place); leaving on
      // purpose, from the last tab, lowers it. Removal lowered it already. The key goes.
      if (reason === "left" && !(await membersInSession(io, sessionId)).has(membershipId)) {
        if (await lowerHand(prisma, sessionId, membershipId)) await room.broadcastState(sessionId);
      }
      await room.broadcastKeys(sessionId);
    },
    close: () => room.close(),
    handlers: {
      "live.admit": async (socket, request) => {
        const me = requireInSession(socket, request.sessionId);
        requireAllowed(me, "session.admit");
        await requireTarget(request.sessionId, request.membershipId);
        const current = await findAdmission(prisma, request.sessionId, request.membershipId);
        if (current === "removed") {
          throw new AppError("REMOVED_FROM_SESSION", "this member was removed from the session");
        }
        if (afterDecision(current, "admit") !== null) {
          await recordAdmission(
            prisma,
            request.sessionId,
            request.membershipId,
            "admitted",
            deps.now(),
          );
        }
        await room.admit(request.sessionId, [request.membershipId]);
        await room.broadcastLobby(request.sessionId);
        return { ok: true };
      },
      "live.admitAll": async (socket, request) => {
        const me = requireInSession(socket, request.sessionId);
        requireAllowed(me, "session.admit");
        const admitted = await admitAllWaiting(prisma, request.sessionId, deps.now());
        await room.admit(request.sessionId, admitted);
        await room.broadcastLobby(request.sessionId);
        return { ok: true, admitted: admitted.length };
      },
      "live.decline": async (socket, request) => {
        const me = requireInSession(socket, request.sessionId);
        requireAllowed(me, "session.admit");
        await requireTarget(request.sessionId, request.membershipId);
        const current = await findAdmission(prisma, request.sessionId, request.membershipId);
        if (afterDecision(current, "decline") === "declined") {
          await recordAdmission(
            prisma,
            request.sessionId,
            request.membershipId,
            "declined",
            deps.now(),
          );
          io.to(lobbyMemberRoom(request.sessionId, request.membershipId)).emit("event", {
            type: "live.admission",
            sessionId: request.sessionId,
            status: "declined",
          });
        }
        await room.broadcastLobby(request.sessionId);
        return { ok: true };
      },
      "live.lobby.set": async (socket, request) => {
        const me = requireInSession(socket, request.sessionId);
        requireAllowed(me, "group.manageLiveSettings");
        const groupId = await findSessionGroupId(prisma, request.sessionId);
        if (!groupId) throw new AppError("SESSION_NOT_FOUND", "no such session");
        await setLobbyEnabled(prisma, groupId, request.enabled);
        if (!request.enabled) {
          const admitted = await admitAllWaiting(prisma, request.sessionId, deps.now());
          await room.admit(request.sessionId, admitted);
        }
        await room.broadcastState(request.sessionId);
        await room.broadcastLobby(request.sessionId);
        return { ok: true };
      },
      "live.hand.raise": async (socket, request) => {
        const me = requireInSession(socket, request.sessionId);
        await raiseHand(prisma, request.sessionId, me.membershipId, deps.now());
        await room.broadcastState(request.sessionId);
        return { ok: true };
      },
      "live.hand.lower": async (socket, request) => {
        const me = requireInSession(socket, request.sessionId);
        const target = request.membershipId ?? me.membershipId;
        if (target !== me.membershipId) {
          requireAllowed(me, "session.lowerAnyHand");
          await requireTarget(request.sessionId, target);
        }
        if (await lowerHand(prisma, request.sessionId, target)) {
          await room.broadcastState(request.sessionId);
        }
        return { ok: true };
      },
      "live.reaction": (socket, request) => {
        const me = requireInSession(socket, request.sessionId);
        limit(reactionWindows, socket, {
          burst: LIVE_REACTION_BURST,
          windowMs: LIVE_REACTION_WINDOW_MS,
        });
        io.to(sessionRoom(request.sessionId)).emit("event", {
          type: "live.reaction",
          sessionId: request.sessionId,
          membershipId: me.membershipId,
          emoji: request.emoji,
        });
        return Promise.resolve({ ok: true });
      },
      "live.spotlight": async (socket, request) => {
        const me = requireInSession(socket, request.sessionId);
        requireAllowed(me, "session.spotlight");
        if (request.membershipId !== null) {
          await requireTarget(request.sessionId, request.membershipId);
          const status = await findAdmission(prisma, request.sessionId, request.membershipId);
          if (status === "removed") {
            throw new AppError("REMOVED_FROM_SESSION", "this member was removed from the session");
          }
        }
        await setSpotlight(prisma, request.sessionId, request.membershipId);
        await room.broadcastState(request.sessionId);
        return { ok: true };
      },
      "live.mute": async (socket, request) => {
        const me = requireInSession(socket, request.sessionId);
        requireAllowed(me, "session.muteOthers");
        await requireTarget(request.sessionId, request.membershipId);
        // Stored before anyone is told: whatever connects from now on (a reconnect, a reload,
        // another device) publishes it off, until the member turns it on again themselves.
        await holdMedia(
          prisma,
          request.sessionId,
          request.membershipId,
          request.source,
          deps.now(),
        );
        io.to(memberRoom(request.sessionId, request.membershipId)).emit("event", {
          type: "live.muted",
          sessionId: request.sessionId,
          source: request.source,
        });
        const video = await deps.roomControl.muteSource(
          roomNameForSession(request.sessionId),
          request.membershipId,
          request.source,
        );
        return { ok: true, video };
      },
      "live.remove": async (socket, request) => {
        const me = requireInSession(socket, request.sessionId);
        requireAllowed(me, "session.remove");
        const target = await requireTarget(request.sessionId, request.membershipId);
        if (target.membershipId === me.membershipId || can(target.role, "session.bypassLobby")) {
          throw new AppError("FORBIDDEN", "a supervisor cannot be removed from the session");
        }
        const now = deps.now();
        await recordAdmission(prisma, request.sessionId, target.membershipId, "removed", now);
        await lowerHand(prisma, request.sessionId, target.membershipId);
        await clearSpotlightOn(prisma, request.sessionId, target.membershipId);
        await room.evict(request.sessionId, target.membershipId, "removed");
        const video = await deps.roomControl.removeParticipant(
          roomNameForSession(request.sessionId),
          target.membershipId,
          now,
        );
        await room.broadcastState(request.sessionId);
        await room.broadcastLobby(request.sessionId);
        return { ok: true, video };
      },
      "live.end": async (socket, request) => {
        const me = requireInSession(socket, request.sessionId);
        requireAllowed(me, "session.end");
        await endSession(prisma, request.sessionId);
        await room.broadcastState(request.sessionId);
        io.to([sessionRoom(request.sessionId), lobbyRoom(request.sessionId)]).emit("event", {
          type: "live.ended",
          sessionId: request.sessionId,
        });
        const video = await deps.roomControl.deleteRoom(roomNameForSession(request.sessionId));
        await room.evict(request.sessionId, null, "ended");
        return { ok: true, video };
      },
      "live.e2ee.announce": async (socket, request) => {
        requireInSession(socket, request.sessionId);
        limit(e2eeWindows, socket, E2EE_LIMITS);
        socket.data.e2ee = { ...socket.data.e2ee, [request.sessionId]: request.publicKey };
        await room.broadcastKeys(request.sessionId);
        return { ok: true };
      },
      "live.e2ee.share": async (socket, request) => {
        const me = requireInSession(socket, request.sessionId);
        limit(e2eeWindows, socket, E2EE_LIMITS);
        const recipients = await io.in(memberRoom(request.sessionId, request.to)).fetchSockets();
        if (!recipients.some((recipient) => request.sessionId in recipient.data.presence)) {
          throw new AppError("MEMBER_NOT_FOUND", "that member is not in the session");
        }
        io.to(memberRoom(request.sessionId, request.to)).emit("event", {
          type: "live.e2ee.share",
          sessionId: request.sessionId,
          from: me.membershipId,
          keyId: request.keyId,
          wrapped: request.wrapped,
          iv: request.iv,
        });
        return { ok: true };
      },
    },
  };
}
