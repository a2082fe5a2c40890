// A group's whiteboard: elements at their winning versions, template frames, images, snapshots
// and scaling values. Elements are written by one upsert whose WHERE applies the merge rule of
// @piiri/domain/board/merge, so several API nodes writing at once still keep only winners.
import type {
  BoardElement,
  BoardFile,
  BoardFrame,
  BoardImageMimeType,
  BoardSnapshotDetail,
  BoardSnapshotReason,
  BoardSnapshotSummary,
  BoardState,
  BoardTemplateKind,
  ScaleEntry,
} from "@piiri/protocol/board";
import type { PrismaClient } from "../generated/prisma/client.ts";

/** An element ready to store: the element itself plus what the server computed from it. */
export interface StoredElementInput {
  element: BoardElement;
  contentKey: string;
  bytes: number;
}

export interface StoredElement {
  element: BoardElement;
  bytes: number;
}

type FrameRow = {
  frameId: string;
  kind: BoardTemplateKind;
  sessionId: string | null;
  locked: boolean;
  anonymous: boolean;
};

const toFrame = (row: FrameRow): BoardFrame => ({
  frameId: row.frameId,
  kind: row.kind,
  sessionId: row.sessionId,
  locked: row.locked,
  anonymous: row.anonymous,
});

const FRAME_SELECT = { frameId: true, kind: true, sessionId: true, locked: true, anonymous: true } as const;

/** The group a session belongs to, or null. */
export async function groupOfSession(
  prisma: PrismaClient,
  sessionId: string,
): Promise<{ groupId: string; startsAt: Date } | null> {
  return prisma.session.findUnique({ where: { id: sessionId }, select: { groupId: true, startsAt: true } });
}

export async function getBoardState(prisma: PrismaClient, groupId: string): Promise<BoardState> {
  const [board, frames] = await Promise.all([
    prisma.board.findUnique({ where: { groupId }, select: { locked: true } }),
    prisma.boardFrame.findMany({ where: { groupId }, select: FRAME_SELECT, orderBy: { createdAt: "asc" } }),
  ]);
  return { locked: board?.locked ?? false, frames: frames.map(toFrame) };
}

/** The state of several boards in two queries (a board without a row is unlocked). */
export async function getBoardStates(
  prisma: PrismaClient,
  groupIds: readonly string[],
): Promise<Map<string, BoardState>> {
  const [boards, frames] = await Promise.all([
    prisma.board.findMany({ where: { groupId: { in: [...groupIds] } }, select: { groupId: true, locked: true } }),
    prisma.boardFrame.findMany({
      where: { groupId: { in: [...groupIds] } },
      select: { groupId: true, ...FRAME_SELECT },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  const states = new Map<string, BoardState>(groupIds.map((groupId) => [groupId, { locked: false, frames: [] }]));
  for (const board of boards) {
    const state = states.get(board.groupId);
    if (state) state.locked = board.locked;
  }
  for (const frame of frames) states.get(frame.groupId)?.frames.push(toFrame(frame));
  return states;
}

export async function setBoardLocked(prisma: PrismaClient, groupId: string, locked: boolean): Promise<void> {
  await prisma.board.upsert({ where: { groupId }, create: { groupId, locked }, update: { locked } });
}

/** Records a template frame (inserting the same frame again keeps its locks and anonymity). */
export async function recordFrame(
  prisma: PrismaClient,
  input: { groupId: string; frameId: string; kind: BoardTemplateKind; sessionId: string },
): Promise<BoardFrame> {
  const row = await prisma.boardFrame.upsert({
    where: { groupId_frameId: { groupId: input.groupId, frameId: input.frameId } },
    create: input,
    update: {},
    select: FRAME_SELECT,
  });
  return toFrame(row);
}

/** Changes a frame's lock or anonymity; null when the board has no such frame. */
export async function updateFrame(
  prisma: PrismaClient,
  groupId: string,
  frameId: string,
  change: { locked?: boolean | undefined; anonymous?: boolean | undefined },
): Promise<BoardFrame | null> {
  const data: { locked?: boolean; anonymous?: boolean } = {};
  if (change.locked !== undefined) data.locked = change.locked;
  if (change.anonymous !== undefined) data.anonymous = change.anonymous;
  const { count } = await prisma.boardFrame.updateMany({ where: { groupId, frameId }, data });
  if (count === 0) return null;
  const row = await prisma.boardFrame.findUnique({
    where: { groupId_frameId: { groupId, frameId } },
    select: FRAME_SELECT,
  });
  return row ? toFrame(row) : null;
}

/** Every element of the board (tombstones included), or only those with the given ids. */
export async function loadElements(
  prisma: PrismaClient,
  groupId: string,
  ids?: readonly string[],
): Promise<StoredElement[]> {
  if (ids?.length === 0) return [];
  const rows = await prisma.boardElement.findMany({
    where: ids ? { groupId, elementId: { in: [...ids] } } : { groupId },
    select: { data: true, bytes: true },
    orderBy: { elementId: "asc" },
  });
  return rows.map((row) => ({ element: row.data as BoardElement, bytes: row.bytes }));
}

/** What the write path needs to know about a stored element (not its content). */
export interface StoredElementHead {
  groupId: string;
  elementId: string;
  frameId: string | null;
  bytes: number;
}

/** The heads of stored elements of several boards by (group, element id), in one query. */
export async function loadElementHeads(
  prisma: PrismaClient,
  keys: readonly { groupId: string; elementId: string }[],
): Promise<StoredElementHead[]> {
  if (keys.length === 0) return [];
  return prisma.$queryRawUnsafe<StoredElementHead[]>(
    `SELECT e."groupId", e."elementId", e."frameId", e."bytes"
       FROM "BoardElement" e
       JOIN jsonb_to_recordset($1::jsonb) AS k(g text, e text) ON e."groupId" = k.g AND e."elementId" = k.e`,
    JSON.stringify(keys.map((key) => ({ g: key.groupId, e: key.elementId }))),
  );
}

/** Stored elements of several boards by (group, element id), in one query. */
export async function loadElementsByKey(
  prisma: PrismaClient,
  keys: readonly { groupId: string; elementId: string }[],
): Promise<(StoredElement & { groupId: string })[]> {
  if (keys.length === 0) return [];
  const rows = await prisma.$queryRawUnsafe<{ groupId: string; data: BoardElement; bytes: number }[]>(
    `SELECT e."groupId", e."data", e."bytes"
       FROM "BoardElement" e
       JOIN jsonb_to_recordset($1::jsonb) AS k(g text, e text) ON e."groupId" = k.g AND e."elementId" = k.e`,
    JSON.stringify(keys.map((key) => ({ g: key.groupId, e: key.elementId }))),
  );
  return rows.map((row) => ({ groupId: row.groupId, element: parseJson(row.data), bytes: row.bytes }));
}

/** A jsonb column read through raw SQL arrives parsed with one driver and as text with another. */
function parseJson(value: unknown): BoardElement {
  return (typeof value === "string" ? JSON.parse(value) : value) as BoardElement;
}

/** Elements in a frame (its children and the frame element itself). */
export async function loadFrameElements(
  prisma: PrismaClient,
  groupId: string,
  frameId: string,
): Promise<BoardElement[]> {
  const rows = await prisma.boardElement.findMany({
    where: { groupId, OR: [{ frameId }, { elementId: frameId }] },
    select: { data: true },
  });
  return rows.map((row) => row.data as BoardElement);
}

/**
 * The stored frame elements of the board's anonymous frames (their geometry decides which live
 * cursors go out unnamed); a deleted frame element is left out.
 */
export async function anonymousFrameElements(prisma: PrismaClient, groupId: string): Promise<unknown[]> {
  const frames = await prisma.boardFrame.findMany({
    where: { groupId, anonymous: true },
    select: { frameId: true },
  });
  if (frames.length === 0) return [];
  const rows = await prisma.boardElement.findMany({
    where: { groupId, elementId: { in: frames.map((frame) => frame.frameId) }, isDeleted: false },
    select: { data: true },
  });
  return rows.map((row) => row.data);
}

/** How much several boards hold now, tombstones included. */
export async function boardUsages(
  prisma: PrismaClient,
  groupIds: readonly string[],
): Promise<Map<string, { elements: number; bytes: number }>> {
  const rows = await prisma.boardElement.groupBy({
    by: ["groupId"],
    where: { groupId: { in: [...groupIds] } },
    _count: { _all: true },
    _sum: { bytes: true },
  });
  const usages = new Map(groupIds.map((groupId) => [groupId, { elements: 0, bytes: 0 }]));
  for (const row of rows) usages.set(row.groupId, { elements: row._count._all, bytes: row._sum.bytes ?? 0 });
  return usages;
}

/** How much the board holds now, tombstones included. */
export async function boardUsage(
  prisma: PrismaClient,
  groupId: string,
): Promise<{ elements: number; bytes: number }> {
  const result = await prisma.boardElement.aggregate({
    where: { groupId },
    _count: { _all: true },
    _sum: { bytes: true },
  });
  return { elements: result._count._all, bytes: result._sum.bytes ?? 0 };
}

/**
 * Writes each element whose version beats the stored one (or that is new) and returns the
 * `groupId/elementId` keys it wrote. The WHERE is the merge rule: higher version; same version
 * and lower versionNonce; same both and lower content key. Keys must be unique within one call
 * (merge the batch first). Elements of several boards may go in one call.
 */
export async function upsertElements(
  prisma: PrismaClient,
  inputs: readonly (StoredElementInput & { groupId: string })[],
): Promise<Set<string>> {
  if (inputs.length === 0) return new Set();
  const records = inputs.map(({ groupId, element, contentKey, bytes }) => ({
    group: groupId,
    id: element.id,
    version: element.version,
    nonce: element.versionNonce,
    key: contentKey,
    deleted: element.isDeleted,
    frame: element.frameId ?? null,
    bytes,
    data: element,
  }));
  const rows = await prisma.$queryRawUnsafe<{ groupId: string; elementId: string }[]>(
    `INSERT INTO "BoardElement" AS e
       ("groupId", "elementId", "version", "versionNonce", "contentKey", "isDeleted", "frameId", "bytes", "data", "updatedAt")
     SELECT t."group", t.id, t.version, t.nonce, t.key, t.deleted, t.frame, t.bytes, t.data, CURRENT_TIMESTAMP
       FROM jsonb_to_recordset($1::jsonb)
         AS t("group" text, id text, version integer, nonce integer, key text, deleted boolean, frame text, bytes integer, data jsonb)
     ON CONFLICT ("groupId", "elementId") DO UPDATE SET
       "version" = EXCLUDED."version",
       "versionNonce" = EXCLUDED."versionNonce",
       "contentKey" = EXCLUDED."contentKey",
       "isDeleted" = EXCLUDED."isDeleted",
       "frameId" = EXCLUDED."frameId",
       "bytes" = EXCLUDED."bytes",
       "data" = EXCLUDED."data",
       "updatedAt" = EXCLUDED."updatedAt"
     WHERE e."version" < EXCLUDED."version"
        OR (e."version" = EXCLUDED."version" AND e."versionNonce" > EXCLUDED."versionNonce")
        OR (e."version" = EXCLUDED."version" AND e."versionNonce" = EXCLUDED."versionNonce"
            AND e."contentKey" COLLATE "C" > EXCLUDED."contentKey" COLLATE "C")
     RETURNING e."groupId", e."elementId"`,
    JSON.stringify(records),
  );
  return new Set(rows.map((row) => `${row.groupId}/${row.elementId}`));
}

// ---- images ----

export async function filesUsage(prisma: PrismaClient, groupId: string): Promise<number> {
  const result = await prisma.boardFile.aggregate({ where: { groupId }, _sum: { bytes: true } });
  return result._sum.bytes ?? 0;
}

/** Stores an image; an image id is content-addressed by Excalidraw, so a repeat is ignored. */
export async function addFile(
  prisma: PrismaClient,
  groupId: string,
  file: BoardFile,
  bytes: number,
): Promise<boolean> {
  const { count } = await prisma.boardFile.createMany({
    data: [{ groupId, fileId: file.id, mimeType: file.mimeType, dataUrl: file.dataURL, bytes }],
    skipDuplicates: true,
  });
  return count > 0;
}

export async function loadFiles(
  prisma: PrismaClient,
  groupId: string,
  ids?: readonly string[],
): Promise<BoardFile[]> {
  if (ids?.length === 0) return [];
  const rows = await prisma.boardFile.findMany({
    where: ids ? { groupId, fileId: { in: [...ids] } } : { groupId },
    select: { fileId: true, mimeType: true, dataUrl: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((row) => ({
    id: row.fileId,
    mimeType: row.mimeType as BoardImageMimeType,
    dataURL: row.dataUrl,
  }));
}

// ---- snapshots ----

function toSnapshotSummary(row: {
  id: string;
  groupId: string;
  sessionId: string | null;
  reason: BoardSnapshotReason;
  elementCount: number;
  createdAt: Date;
}): BoardSnapshotSummary {
  return {
    id: row.id,
    groupId: row.groupId,
    sessionId: row.sessionId,
    reason: row.reason,
    elementCount: row.elementCount,
    createdAt: row.createdAt.toISOString(),
  };
}

const SNAPSHOT_SUMMARY = {
  id: true,
  groupId: true,
  sessionId: true,
  reason: true,
  elementCount: true,
  createdAt: true,
} as const;

/**
 * Saves the board's live elements and frames. With `onlyIfChanged`, nothing is saved when no
 * element or frame changed since the group's latest snapshot (several API nodes may each see a
 * session's last socket leave). Returns the new snapshot or null.
 */
export async function saveSnapshot(
  prisma: PrismaClient,
  input: { groupId: string; sessionId: string | null; reason: BoardSnapshotReason; onlyIfChanged: boolean },
): Promise<BoardSnapshotSummary | null> {
  return prisma.$transaction(async (tx) => {
    // One snapshot decision per group at a time, across nodes.
    await tx.$queryRawUnsafe(`SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext($1))) AS locked`, `board-snapshot:${input.groupId}`);
    if (input.onlyIfChanged) {
      const latest = await tx.boardSnapshot.findFirst({
        where: { groupId: input.groupId },
        orderBy: { createdAt: "desc" },
        select: { createdAt: true },
      });
      const [changed, frame] = await Promise.all([
        tx.boardElement.aggregate({ where: { groupId: input.groupId }, _max: { updatedAt: true } }),
        tx.boardFrame.aggregate({ where: { groupId: input.groupId }, _max: { createdAt: true } }),
      ]);
      const lastChange = Math.max(
        changed._max.updatedAt?.getTime() ?? 0,
        frame._max.createdAt?.getTime() ?? 0,
      );
      if (lastChange === 0 || (latest && latest.createdAt.getTime() >= lastChange)) return null;
    }
    const [elements, frames] = await Promise.all([
      tx.boardElement.findMany({
        where: { groupId: input.groupId, isDeleted: false },
        select: { data: true },
        orderBy: { elementId: "asc" },
      }),
      tx.boardFrame.findMany({ where: { groupId: input.groupId }, select: FRAME_SELECT }),
    ]);
    const row = await tx.boardSnapshot.create({
      data: {
        groupId: input.groupId,
        sessionId: input.sessionId,
        reason: input.reason,
        elementCount: elements.length,
        elements: elements.map((element) => element.data as object),
        frames: frames.map(toFrame),
      },
      select: SNAPSHOT_SUMMARY,
    });
    return toSnapshotSummary(row);
  });
}

export async function listSnapshots(prisma: PrismaClient, groupId: string): Promise<BoardSnapshotSummary[]> {
  const rows = await prisma.boardSnapshot.findMany({
    where: { groupId },
    orderBy: { createdAt: "desc" },
    select: SNAPSHOT_SUMMARY,
  });
  return rows.map(toSnapshotSummary);
}

export async function getSnapshot(
  prisma: PrismaClient,
  groupId: string,
  snapshotId: string,
): Promise<BoardSnapshotDetail | null> {
  const row = await prisma.boardSnapshot.findFirst({ where: { id: snapshotId, groupId } });
  if (!row) return null;
  const elements = row.elements as BoardElement[];
  const fileIds = fileIdsOf(elements);
  return {
    ...toSnapshotSummary(row),
    elements,
    frames: row.frames as BoardFrame[],
    files: await loadFiles(prisma, groupId, fileIds),
  };
}

/** The images image elements refer to (Excalidraw's `fileId`). */
export function fileIdsOf(elements: readonly BoardElement[]): string[] {
  const ids = new Set<string>();
  for (const element of elements) {
    const fileId = (element as { fileId?: unknown }).fileId;
    if (typeof fileId === "string") ids.add(fileId);
  }
  return [...ids];
}

/**
 * The group's snapshots that hold the frame or an element in it (their elements only), found by
 * jsonb containment so the others are not read.
 */
export async function snapshotsWithFrame(
  prisma: PrismaClient,
  groupId: string,
  frameId: string,
): Promise<{ id: string; elements: BoardElement[] }[]> {
  const rows = await prisma.$queryRawUnsafe<{ id: string; elements: unknown }[]>(
    `SELECT s."id", s."elements" FROM "BoardSnapshot" s
      WHERE s."groupId" = $1 AND (s."elements" @> $2::jsonb OR s."elements" @> $3::jsonb)`,
    groupId,
    JSON.stringify([{ frameId }]),
    JSON.stringify([{ id: frameId }]),
  );
  return rows.map((row) => ({
    id: row.id,
    elements: (typeof row.elements === "string" ? JSON.parse(row.elements) : row.elements) as BoardElement[],
  }));
}

/** Rewrites a snapshot's elements (the same elements, with something removed from them). */
export async function replaceSnapshotElements(
  prisma: PrismaClient,
  snapshotId: string,
  elements: readonly BoardElement[],
): Promise<void> {
  await prisma.boardSnapshot.update({
    where: { id: snapshotId },
    data: { elements: elements.map((element) => element as object) },
  });
}

export async function deleteSnapshot(prisma: PrismaClient, groupId: string, snapshotId: string): Promise<boolean> {
  const { count } = await prisma.boardSnapshot.deleteMany({ where: { id: snapshotId, groupId } });
  return count > 0;
}

/**
 * The latest snapshot saved for an earlier session of the group than `before` (by start time), with
 * the session it belongs to.
 */
export async function latestEarlierSessionSnapshot(
  prisma: PrismaClient,
  groupId: string,
  before: { sessionId: string; startsAt: Date },
): Promise<{ session: { id: string; startsAt: Date }; elements: BoardElement[]; frames: BoardFrame[] } | null> {
  const row = await prisma.boardSnapshot.findFirst({
    where: {
      groupId,
      sessionId: { not: before.sessionId },
      session: { startsAt: { lt: before.startsAt } },
    },
    orderBy: [{ session: { startsAt: "desc" } }, { createdAt: "desc" }],
    select: { elements: true, frames: true, session: { select: { id: true, startsAt: true } } },
  });
  if (!row?.session) return null;
  return {
    session: row.session,
    elements: row.elements as BoardElement[],
    frames: row.frames as BoardFrame[],
  };
}

/** Deletes everything on the group's board: elements, frames, images, snapshots, scaling values. */
export async function deleteBoardContent(prisma: PrismaClient, groupId: string): Promise<void> {
  await prisma.$transaction([
    prisma.boardElement.deleteMany({ where: { groupId } }),
    prisma.boardFrame.deleteMany({ where: { groupId } }),
    prisma.boardFile.deleteMany({ where: { groupId } }),
    prisma.boardSnapshot.deleteMany({ where: { groupId } }),
    prisma.boardScaleValue.deleteMany({ where: { session: { groupId } } }),
    prisma.boardScaleReveal.deleteMany({ where: { session: { groupId } } }),
    prisma.board.deleteMany({ where: { groupId } }),
  ]);
}

// ---- scaling question ----

export async function setScaleValue(
  prisma: PrismaClient,
  input: { sessionId: string; exerciseId: string; membershipId: string; value: number },
): Promise<void> {
  const { sessionId, exerciseId, membershipId, value } = input;
  await prisma.boardScaleValue.upsert({
    where: { sessionId_exerciseId_membershipId: { sessionId, exerciseId, membershipId } },
    create: input,
    update: { value },
  });
}

export async function revealScale(prisma: PrismaClient, sessionId: string, exerciseId: string): Promise<void> {
  await prisma.boardScaleReveal.upsert({
    where: { sessionId_exerciseId: { sessionId, exerciseId } },
    create: { sessionId, exerciseId },
    update: {},
  });
}

/** Everything about the scaling exercises of some sessions: values (with names) and reveals. */
export interface ScaleRecords {
  values: (ScaleEntry & { sessionId: string; exerciseId: string })[];
  revealed: { sessionId: string; exerciseId: string }[];
}

export async function loadScaleRecords(
  prisma: PrismaClient,
  where: { sessionId: string } | { groupId: string },
): Promise<ScaleRecords> {
  const sessionFilter = "sessionId" in where ? { sessionId: where.sessionId } : { session: { groupId: where.groupId } };
  const [values, revealed] = await Promise.all([
    prisma.boardScaleValue.findMany({
      where: sessionFilter,
      select: {
        sessionId: true,
        exerciseId: true,
        membershipId: true,
        value: true,
        membership: { select: { displayName: true } },
      },
      orderBy: [{ membership: { displayName: "asc" } }, { membershipId: "asc" }],
    }),
    prisma.boardScaleReveal.findMany({ where: sessionFilter, select: { sessionId: true, exerciseId: true } }),
  ]);
  return {
    values: values.map((row) => ({
      sessionId: row.sessionId,
      exerciseId: row.exerciseId,
      membershipId: row.membershipId,
      displayName: row.membership.displayName,
      value: row.value,
    })),
    revealed,
  };
}

/** The group's sessions that have scaling values, oldest first. */
export async function sessionsWithScaleValues(
  prisma: PrismaClient,
  groupId: string,
): Promise<{ id: string; startsAt: Date }[]> {
  return prisma.session.findMany({
    where: { groupId, boardScaleValues: { some: {} } },
    select: { id: true, startsAt: true },
    orderBy: { startsAt: "asc" },
  });
}
