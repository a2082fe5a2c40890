// The group's board over HTTP: read it, snapshots (list, open read-only, save, delete), the
// scaling trend, the previous session's next small steps, and deleting all board content.
import { Hono } from "hono";
import {
  BoardSnapshotParam,
  GroupBoardParam,
  type BoardSceneResponse,
  type PreviousStepsResponse,
  type ScaleHistoryResponse,
} from "@piiri/protocol/board";
import { SessionIdParam } from "@piiri/protocol/sessions";
import {
  deleteBoardContent,
  deleteSnapshot,
  listSnapshots,
  loadScaleRecords,
  sessionsWithScaleValues,
} from "@piiri/db/repositories/board";
import type { AppEnv, Deps } from "../http/context.ts";
import { requireUser } from "../http/middleware.ts";
import { validate } from "../http/validate.ts";
import {
  authorizeGroup,
  authorizeGroupContent,
  authorizeSession,
  authorizeSessionContent,
} from "../http/access.ts";
import { AppError } from "../errors.ts";
import {
  boardWasReset,
  loadScene,
  openSnapshot,
  previousSessionSteps,
  scaleViews,
  snapshotBoard,
} from "../board/service.ts";

export function boardRoutes(deps: Deps) {
  const { prisma } = deps;
  return new Hono<AppEnv>()
    .get("/groups/:groupId/board", validate("param", GroupBoardParam), async (c) => {
      const user = requireUser(c);
      const { groupId } = c.req.valid("param");
      await authorizeGroupContent(deps, groupId, user.id, "board.view");
      const scene: BoardSceneResponse = await loadScene(prisma, groupId);
      return c.json(scene, 200);
    })
    .delete("/groups/:groupId/board", validate("param", GroupBoardParam), async (c) => {
      const user = requireUser(c);
      const { groupId } = c.req.valid("param");
      await authorizeGroup(prisma, groupId, user.id, "board.manage");
      await deleteBoardContent(prisma, groupId);
      await boardWasReset(deps, groupId);
      return c.json({ ok: true as const }, 200);
    })
    .get("/groups/:groupId/board/snapshots", validate("param", GroupBoardParam), async (c) => {
      const user = requireUser(c);
      const { groupId } = c.req.valid("param");
      await authorizeGroupContent(deps, groupId, user.id, "board.view");
      return c.json({ snapshots: await listSnapshots(prisma, groupId) }, 200);
    })
    .get(
      "/groups/:groupId/board/snapshots/:snapshotId",
      validate("param", BoardSnapshotParam),
      async (c) => {
        const user = requireUser(c);
        const { groupId, snapshotId } = c.req.valid("param");
        await authorizeGroupContent(deps, groupId, user.id, "board.view");
        const snapshot = await openSnapshot(prisma, groupId, snapshotId);
        if (!snapshot) throw new AppError("NOT_FOUND", "no such snapshot");
        return c.json({ snapshot }, 200);
      },
    )
    .delete(
      "/groups/:groupId/board/snapshots/:snapshotId",
      validate("param", BoardSnapshotParam),
      async (c) => {
        const user = requireUser(c);
        const { groupId, snapshotId } = c.req.valid("param");
        await authorizeGroup(prisma, groupId, user.id, "board.manage");
        if (!(await deleteSnapshot(prisma, groupId, snapshotId)))
          throw new AppError("NOT_FOUND", "no such snapshot");
        return c.json({ ok: true as const }, 200);
      },
    )
    .get("/groups/:groupId/board/scale-history", validate("param", GroupBoardParam), async (c) => {
      const user = requireUser(c);
      const { groupId } = c.req.valid("param");
      const membership = await authorizeGroupContent(deps, groupId, user.id, "board.view");
      const [sessions, records] = await Promise.all([
        sessionsWithScaleValues(prisma, groupId),
        loadScaleRecords(prisma, { groupId }),
      ]);
      const history: ScaleHistoryResponse = {
        sessions: sessions.map((session) => ({
          sessionId: session.id,
          startsAt: session.startsAt.toISOString(),
          exercises: scaleViews(records, session.id, membership.id),
        })),
      };
      return c.json(history, 200);
    })
    .post("/sessions/:sessionId/board/snapshots", validate("param", SessionIdParam), async (c) => {
      const user = requireUser(c);
      const { sessionId } = c.req.valid("param");
      await authorizeSession(prisma, sessionId, user.id, "board.manage");
      const snapshot = await snapshotBoard(prisma, sessionId, "manual");
      if (!snapshot) throw new AppError("INTERNAL", "the snapshot was not saved");
      return c.json({ snapshot }, 201);
    })
    .get(
      "/sessions/:sessionId/board/previous-steps",
      validate("param", SessionIdParam),
      async (c) => {
        const user = requireUser(c);
        const { sessionId } = c.req.valid("param");
        const { session } = await authorizeSessionContent(deps, sessionId, user.id, "board.view");
        const body: PreviousStepsResponse = await previousSessionSteps(prisma, {
          id: sessionId,
          groupId: session.groupId,
          startsAt: session.startsAt,
        });
        return c.json(body, 200);
      },
    );
}
