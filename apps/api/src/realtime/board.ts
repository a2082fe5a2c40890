// The shared whiteboard over socket.io (issue 5): element sync, images, live cursors, templates,
// locks, anonymity, the scaling question, clearing, and a snapshot when a session's last socket
// leaves. Authoritative state is the database (see board/writer.ts); this node keeps only rate
// limiter buckets, a session → group cache (immutable) and its write queue.
import { randomBytes, randomInt } from "node:crypto";
import type { BoardElement } from "@piiri/protocol/board";
import type { MemberRole } from "@piiri/protocol/groups";
import { can } from "@piiri/domain/permissions";
import {
  checkBatch,
  describeViolation,
  jsonBytes,
  MAX_FILE_BYTES,
  MAX_FILES_BYTES,
} from "@piiri/domain/board/limits";
import { take, tokenBucket, type TokenBucket } from "@piiri/domain/board/rate-limit";
import { changeRefusal, isAuthorKey } from "@piiri/domain/board/rules";
import {
  insideAny,
  NO_POINTER,
  pointerStep,
  QUIET_MAX_MS,
  QUIET_MIN_MS,
  type PointerPrivacy,
} from "@piiri/domain/board/pointer";
import {
  addFile,
  filesUsage,
  getBoardState,
  groupOfSession,
  loadElements,
  loadFrameElements,
  recordFrame,
  revealScale,
  setBoardLocked,
  setScaleValue,
  updateFrame,
} from "@piiri/db/repositories/board";
import { AppError } from "../errors.ts";
import {
  boardWasReset,
  loadScene,
  onBoardReset,
  scaleViews,
  sessionScaleRecords,
  snapshotBoard,
  stripSnapshotAuthors,
} from "../board/service.ts";
import { BoardWriter, framesById, type WriteOutcome } from "../board/writer.ts";
import { requireAllowedElements } from "../board/content.ts";
import { AnonymousAreas } from "../board/anonymous-areas.ts";
import type { RealtimeContext, RealtimeFeature } from "./feature.ts";
import { membersInSession, requireInSession, sessionRoom } from "./presence.ts";
import type { PiiriSocket } from "./server.ts";

export { snapshotBoard, boardWasReset };

type BoardRequestType =
  | "board.update"
  | "board.file.add"
  | "board.pointer"
  | "board.template.insert"
  | "board.frame.set"
  | "board.lock"
  | "board.clear"
  | "board.scale.set"
  | "board.scale.reveal";

/** Per socket: 60 board messages at once, 40 a second after that; bytes likewise. */
const MESSAGE_BURST = 60;
const MESSAGES_PER_SECOND = 40;
const BYTE_BURST = 4 * 1024 * 1024;
const BYTES_PER_SECOND = 1024 * 1024;
/** Live cursors: at most one every 40 ms per socket; the rest are dropped, not queued. */
const POINTER_INTERVAL_MS = 40;

interface Limiter {
  messages: TokenBucket;
  bytes: TokenBucket;
  lastPointerAt: number;
  /** sessionId → what the others see of this socket's cursor there. */
  pointers: Map<string, PointerPrivacy>;
}

/** A visit to an anonymous frame: a random id and a random moment of quiet (see pointerStep). */
const freshPointer = {
  id: () => randomBytes(12).toString("base64url"),
  quietMs: () => randomInt(QUIET_MIN_MS, QUIET_MAX_MS + 1),
};

export function boardFeature({ io, deps }: RealtimeContext): RealtimeFeature<BoardRequestType> {
  const { prisma } = deps;
  const writer = new BoardWriter(prisma);
  const anonymousAreas = new AnonymousAreas(prisma, () => deps.now().getTime());
  const clustered = deps.config.redisUrl !== undefined;
  io.on("board:areas", (groupId) => anonymousAreas.forget(groupId));
  const limiters = new WeakMap<PiiriSocket, Limiter>();
  const groups = new Map<string, string>();
  const background = new Set<Promise<unknown>>();
  /** Sessions whose end-of-session snapshot is being saved by this node. */
  const snapshotting = new Set<string>();
  let closing = false;

  function track(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) =>
      console.error("board background work failed", error),
    );
    background.add(tracked);
    void tracked.finally(() => background.delete(tracked));
  }

  async function groupOf(sessionId: string): Promise<string> {
    const cached = groups.get(sessionId);
    if (cached) return cached;
    const session = await groupOfSession(prisma, sessionId);
    if (!session) throw new AppError("SESSION_NOT_FOUND", "no such session");
    groups.set(sessionId, session.groupId);
    return session.groupId;
  }

  function limiter(socket: PiiriSocket): Limiter {
    let found = limiters.get(socket);
    if (!found) {
      const now = Date.now();
      found = {
        messages: tokenBucket(MESSAGE_BURST, MESSAGES_PER_SECOND, now),
        bytes: tokenBucket(BYTE_BURST, BYTES_PER_SECOND, now),
        lastPointerAt: 0,
        pointers: new Map(),
      };
      limiters.set(socket, found);
    }
    return found;
  }

  function throttle(socket: PiiriSocket, bytes: number): void {
    const buckets = limiter(socket);
    const now = Date.now();
    if (!take(buckets.messages, 1, now) || !take(buckets.bytes, bytes, now)) {
      throw new AppError("RATE_LIMITED", "too many board changes; slow down and send again");
    }
  }

  function requireManager(role: MemberRole): void {
    if (!can(role, "board.manage"))
      throw new AppError("NOT_SUPERVISOR", "only the group's supervisor can do this");
  }

  /** The board's anonymous frames may have changed place or anonymity: every node reads again. */
  function areasChanged(groupId: string): void {
    anonymousAreas.forget(groupId);
    if (clustered) io.serverSideEmit("board:areas", groupId);
  }

  /** Sends what a write accepted to the session's other sockets (or everyone, for server edits). */
  function fanOut(sessionId: string, outcome: WriteOutcome, except?: PiiriSocket): void {
    if (outcome.written.length === 0) return;
    // A frame written (moved, resized) or anything deleted (maybe a frame): the areas may differ.
    if (outcome.written.some((element) => element.type === "frame" || element.isDeleted)) {
      const groupId = groups.get(sessionId);
      if (groupId) areasChanged(groupId);
    }
    const event = { type: "board.elements" as const, sessionId, elements: outcome.written };
    if (except) except.to(sessionRoom(sessionId)).emit("event", event);
    else io.to(sessionRoom(sessionId)).emit("event", event);
  }

  async function broadcastState(sessionId: string, groupId: string): Promise<void> {
    const state = await getBoardState(prisma, groupId);
    io.to(sessionRoom(sessionId)).emit("event", { type: "board.state", sessionId, state });
  }

  /** Each socket in the session gets the exercise as it may see it (hidden values stay its own). */
  async function broadcastScale(sessionId: string, exerciseId: string): Promise<void> {
    const [records, sockets] = await Promise.all([
      sessionScaleRecords(prisma, sessionId),
      io.in(sessionRoom(sessionId)).fetchSockets(),
    ]);
    for (const socket of sockets) {
      const connection = socket.data.presence[sessionId];
      if (!connection) continue;
      const [scale] = scaleViews(records, sessionId, connection.membershipId, [exerciseId]).filter(
        (view) => view.exerciseId === exerciseId,
      );
      if (scale) socket.emit("event", { type: "board.scale", sessionId, scale });
    }
  }

  async function requireScalingExercise(groupId: string, exerciseId: string) {
    const state = await getBoardState(prisma, groupId);
    const frame = state.frames.find((candidate) => candidate.frameId === exerciseId);
    if (frame?.kind !== "scaling")
      throw new AppError("NOT_FOUND", "no such scaling exercise on the board");
    return state;
  }

  /** New versions of elements, written by the server (clear, anonymity): every client adopts them. */
  function serverEdit(element: BoardElement, change: Partial<BoardElement>): BoardElement {
    return {
      ...element,
      ...change,
      version: element.version + 1,
      versionNonce: randomInt(0, 2 ** 31 - 1),
    };
  }

  onBoardReset(deps, async (groupId) => {
    writer.forget(groupId);
    areasChanged(groupId);
    const sessions = await prisma.session.findMany({ where: { groupId }, select: { id: true } });
    const scene = await loadScene(prisma, groupId);
    for (const { id } of sessions) {
      io.to(sessionRoom(id)).emit("event", {
        type: "board.scene",
        sessionId: id,
        groupId,
        elements: scene.elements,
        files: scene.files,
        state: scene.state,
        reset: true,
      });
    }
  });

  return {
    handlers: {
      "board.update": async (socket, request) => {
        const { role } = requireInSession(socket, request.sessionId);
        const { size, violation } = checkBatch(request.elements);
        if (violation) throw new AppError("PAYLOAD_TOO_LARGE", describeViolation(violation));
        throttle(socket, size.total);
        requireAllowedElements(request.elements);
        const groupId = await groupOf(request.sessionId);
        const outcome = await writer.write(groupId, role, request.elements);
        fanOut(request.sessionId, outcome, socket);
        return {
          ok: true,
          accepted: outcome.accepted,
          refused: outcome.refused,
          current: outcome.current,
        };
      },

      "board.template.insert": async (socket, request) => {
        const { role } = requireInSession(socket, request.sessionId);
        requireManager(role);
        if (
          !request.elements.some((element) => element.id === request.frameId && !element.isDeleted)
        ) {
          throw new AppError(
            "VALIDATION_FAILED",
            "the template's frame element must be among its elements",
          );
        }
        const { size, violation } = checkBatch(request.elements);
        if (violation) throw new AppError("PAYLOAD_TOO_LARGE", describeViolation(violation));
        throttle(socket, size.total);
        requireAllowedElements(request.elements);
        const groupId = await groupOf(request.sessionId);
        // Elements first: a refused batch leaves no frame record behind.
        const outcome = await writer.write(groupId, role, request.elements);
        await recordFrame(prisma, {
          groupId,
          frameId: request.frameId,
          kind: request.kind,
          sessionId: request.sessionId,
        });
        fanOut(request.sessionId, outcome, socket);
        await broadcastState(request.sessionId, groupId);
        return {
          ok: true,
          accepted: outcome.accepted,
          refused: outcome.refused,
          current: outcome.current,
        };
      },

      "board.file.add": async (socket, request) => {
        const { role } = requireInSession(socket, request.sessionId);
        const bytes = jsonBytes(request.file.dataURL);
        if (bytes > MAX_FILE_BYTES) {
          throw new AppError(
            "PAYLOAD_TOO_LARGE",
            `an image may be at most ${MAX_FILE_BYTES} bytes`,
          );
        }
        throttle(socket, bytes);
        const groupId = await groupOf(request.sessionId);
        const state = await getBoardState(prisma, groupId);
        if (role !== "supervisor" && state.locked)
          throw new AppError("BOARD_LOCKED", "the supervisor has locked the board");
        if ((await filesUsage(prisma, groupId)) + bytes > MAX_FILES_BYTES) {
          throw new AppError(
            "PAYLOAD_TOO_LARGE",
            `the board's images may take at most ${MAX_FILES_BYTES} bytes`,
          );
        }
        if (await addFile(prisma, groupId, request.file, bytes)) {
          socket.to(sessionRoom(request.sessionId)).emit("event", {
            type: "board.files",
            sessionId: request.sessionId,
            files: [request.file],
          });
        }
        return { ok: true };
      },

      "board.pointer": async (socket, request) => {
        const { sessionId } = request;
        const connection = requireInSession(socket, sessionId);
        const buckets = limiter(socket);
        if (Date.now() - buckets.lastPointerAt < POINTER_INTERVAL_MS)
          return { ok: true, dropped: true };
        buckets.lastPointerAt = Date.now();
        // Named or not is decided here, from the frames the server holds, never by the client.
        const inside = insideAny(request, await anonymousAreas.of(await groupOf(sessionId)));
        const step = pointerStep(
          buckets.pointers.get(sessionId) ?? NO_POINTER,
          inside,
          Date.now(),
          freshPointer,
        );
        buckets.pointers.set(sessionId, step.next);
        const others = socket.to(sessionRoom(sessionId));
        if (step.gone) {
          others.emit("event", {
            type: "board.pointer.gone",
            sessionId,
            pointer:
              step.gone.kind === "named"
                ? { kind: "named", membershipId: connection.membershipId }
                : step.gone,
          });
        }
        if (!step.send) return { ok: true, dropped: true };
        others.emit("event", {
          type: "board.pointer",
          sessionId,
          pointer:
            step.send.kind === "named"
              ? {
                  kind: "named",
                  membershipId: connection.membershipId,
                  displayName: connection.displayName,
                }
              : step.send,
          x: request.x,
          y: request.y,
        });
        return { ok: true, dropped: false };
      },

      "board.frame.set": async (socket, request) => {
        const { role } = requireInSession(socket, request.sessionId);
        requireManager(role);
        const groupId = await groupOf(request.sessionId);
        const frame = await updateFrame(prisma, groupId, request.frameId, request);
        if (!frame) throw new AppError("NOT_FOUND", "no such exercise frame on the board");
        areasChanged(groupId);
        if (frame.anonymous) {
          // Notes written before anonymity was switched on lose their author too, in the database
          // and on every client (a new version everyone adopts).
          const authored = (await loadFrameElements(prisma, groupId, frame.frameId)).filter(
            hasAuthor,
          );
          if (authored.length > 0) {
            const outcome = await writer.write(
              groupId,
              "supervisor",
              authored.map((element) => serverEdit(element, {})),
            );
            fanOut(request.sessionId, outcome);
          }
          // Then the snapshots saved before (one saved meanwhile is stripped when it is read).
          await stripSnapshotAuthors(prisma, groupId, frame.frameId);
        }
        await broadcastState(request.sessionId, groupId);
        return { ok: true, frame };
      },

      "board.lock": async (socket, request) => {
        const { role } = requireInSession(socket, request.sessionId);
        requireManager(role);
        const groupId = await groupOf(request.sessionId);
        await setBoardLocked(prisma, groupId, request.locked);
        await broadcastState(request.sessionId, groupId);
        return { ok: true };
      },

      "board.clear": async (socket, request) => {
        const { role } = requireInSession(socket, request.sessionId);
        requireManager(role);
        const groupId = await groupOf(request.sessionId);
        const live = (await loadElements(prisma, groupId)).filter((row) => !row.element.isDeleted);
        let cleared = 0;
        // In batches, so each stays within the write caps.
        for (let start = 0; start < live.length; start += 200) {
          const tombstones = live
            .slice(start, start + 200)
            .map((row) => serverEdit(row.element, { isDeleted: true }));
          const outcome = await writer.write(groupId, "supervisor", tombstones);
          cleared += outcome.accepted.length;
          fanOut(request.sessionId, outcome);
        }
        return { ok: true, cleared };
      },

      "board.scale.set": async (socket, request) => {
        const connection = requireInSession(socket, request.sessionId);
        throttle(socket, 64);
        const groupId = await groupOf(request.sessionId);
        const state = await requireScalingExercise(groupId, request.exerciseId);
        const refusal = changeRefusal(
          connection.role,
          state,
          framesById(state.frames),
          { id: request.exerciseId },
          undefined,
        );
        if (refusal) throw new AppError(refusal, "the supervisor has locked this exercise");
        await setScaleValue(prisma, {
          sessionId: request.sessionId,
          exerciseId: request.exerciseId,
          membershipId: connection.membershipId,
          value: request.value,
        });
        await broadcastScale(request.sessionId, request.exerciseId);
        return { ok: true };
      },

      "board.scale.reveal": async (socket, request) => {
        const { role } = requireInSession(socket, request.sessionId);
        requireManager(role);
        const groupId = await groupOf(request.sessionId);
        await requireScalingExercise(groupId, request.exerciseId);
        await revealScale(prisma, request.sessionId, request.exerciseId);
        await broadcastScale(request.sessionId, request.exerciseId);
        return { ok: true };
      },
    },

    async onJoin(socket, sessionId) {
      const connection = socket.data.presence[sessionId];
      if (!connection) return;
      const groupId = await groupOf(sessionId);
      const [scene, records] = await Promise.all([
        loadScene(prisma, groupId),
        sessionScaleRecords(prisma, sessionId),
      ]);
      socket.emit("event", {
        type: "board.scene",
        sessionId,
        groupId,
        elements: scene.elements,
        files: scene.files,
        state: scene.state,
        reset: false,
      });
      const scaling = scene.state.frames
        .filter((frame) => frame.kind === "scaling")
        .map((frame) => frame.frameId);
      for (const scale of scaleViews(records, sessionId, connection.membershipId, scaling)) {
        socket.emit("event", { type: "board.scale", sessionId, scale });
      }
    },

    async onLeave(sessionId) {
      // A closing node drops every socket; they reconnect elsewhere, the session has not ended.
      if (closing || snapshotting.has(sessionId)) return;
      if ((await membersInSession(io, sessionId)).size > 0) return;
      // The session's last socket left: keep what the board looked like.
      snapshotting.add(sessionId);
      track(
        writer
          .idle()
          .then(() => snapshotBoard(prisma, sessionId, "sessionEnd", { onlyIfChanged: true }))
          .finally(() => snapshotting.delete(sessionId)),
      );
    },

    async close() {
      closing = true;
      await writer.idle();
      await Promise.all(background);
    },
  };
}

function hasAuthor(element: BoardElement): boolean {
  const custom = (element as { customData?: unknown }).customData;
  return (
    custom !== null &&
    typeof custom === "object" &&
    !Array.isArray(custom) &&
    Object.keys(custom).some(isAuthorKey)
  );
}
