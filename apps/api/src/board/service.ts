// Board operations shared by the socket feature and the HTTP routes.
import type {
  BoardElement,
  BoardSceneResponse,
  BoardSnapshotDetail,
  BoardSnapshotReason,
  BoardSnapshotSummary,
  PreviousStepsResponse,
  ScaleView,
} from "@piiri/protocol/board";
import { scaleViewFor } from "@piiri/domain/board/scale";
import { storedForm } from "@piiri/domain/board/merge";
import { withoutAuthorsInAnonymousFrames } from "@piiri/domain/board/rules";
import {
  getBoardState,
  getSnapshot,
  groupOfSession,
  latestEarlierSessionSnapshot,
  loadElements,
  loadFiles,
  loadScaleRecords,
  replaceSnapshotElements,
  saveSnapshot,
  snapshotsWithFrame,
  type ScaleRecords,
} from "@piiri/db/repositories/board";
import type { PrismaClient } from "@piiri/db/client";
import { AppError } from "../errors.ts";

/**
 * The whole current board of a group: every element (tombstones too, as bare tombstones even if
 * a row still held more), its images and state.
 */
export async function loadScene(
  prisma: PrismaClient,
  groupId: string,
): Promise<BoardSceneResponse> {
  const [elements, files, state] = await Promise.all([
    loadElements(prisma, groupId),
    loadFiles(prisma, groupId),
    getBoardState(prisma, groupId),
  ]);
  return { groupId, elements: elements.map((row) => storedForm(row.element)), files, state };
}

/**
 * A snapshot as a member may open it: elements of frames that are anonymous — as saved, or on
 * the board now — name no author.
 */
export async function openSnapshot(
  prisma: PrismaClient,
  groupId: string,
  snapshotId: string,
): Promise<BoardSnapshotDetail | null> {
  const [snapshot, state] = await Promise.all([
    getSnapshot(prisma, groupId, snapshotId),
    getBoardState(prisma, groupId),
  ]);
  if (!snapshot) return null;
  return {
    ...snapshot,
    elements: withoutAuthorsInAnonymousFrames(snapshot.elements, [
      ...snapshot.frames,
      ...state.frames,
    ]),
  };
}

/** The next-small-step cards of the group's session before this one, with the same rule. */
export async function previousSessionSteps(
  prisma: PrismaClient,
  session: { id: string; groupId: string; startsAt: Date },
): Promise<PreviousStepsResponse> {
  const [previous, state] = await Promise.all([
    latestEarlierSessionSnapshot(prisma, session.groupId, {
      sessionId: session.id,
      startsAt: session.startsAt,
    }),
    getBoardState(prisma, session.groupId),
  ]);
  if (!previous) return { fromSession: null, cards: [] };
  const elements = withoutAuthorsInAnonymousFrames(previous.elements, [
    ...previous.frames,
    ...state.frames,
  ]);
  return {
    fromSession: { id: previous.session.id, startsAt: previous.session.startsAt.toISOString() },
    cards: nextStepCards(elements, previous.frames),
  };
}

/**
 * A frame turned anonymous: snapshots saved before keep its notes but no longer their authors
 * (rewritten in the database, not only hidden when read).
 */
export async function stripSnapshotAuthors(
  prisma: PrismaClient,
  groupId: string,
  frameId: string,
): Promise<void> {
  const anonymous = [{ frameId, locked: false, anonymous: true }];
  for (const snapshot of await snapshotsWithFrame(prisma, groupId, frameId)) {
    const stripped = withoutAuthorsInAnonymousFrames(snapshot.elements, anonymous);
    if (stripped.some((element, index) => element !== snapshot.elements[index]))
      await replaceSnapshotElements(prisma, snapshot.id, stripped);
  }
}

/**
 * Saves a snapshot of the board of the session's group. The board feature calls it when a
 * session's last socket leaves (`onlyIfChanged`, so several nodes seeing that do not duplicate
 * it); "end session for all" and the supervisor's manual save call it too.
 */
export async function snapshotBoard(
  prisma: PrismaClient,
  sessionId: string,
  reason: BoardSnapshotReason = "sessionEnd",
  options: { onlyIfChanged?: boolean } = {},
): Promise<BoardSnapshotSummary | null> {
  const session = await groupOfSession(prisma, sessionId);
  if (!session) throw new AppError("SESSION_NOT_FOUND", "no such session");
  return saveSnapshot(prisma, {
    groupId: session.groupId,
    sessionId,
    reason,
    onlyIfChanged: options.onlyIfChanged ?? reason === "sessionEnd",
  });
}

/** Every scaling exercise with values or a reveal in `records`, as one viewer may see it. */
export function scaleViews(
  records: ScaleRecords,
  sessionId: string,
  viewerMembershipId: string,
  exerciseIds: Iterable<string> = [],
): ScaleView[] {
  const ids = new Set(exerciseIds);
  for (const value of records.values) if (value.sessionId === sessionId) ids.add(value.exerciseId);
  for (const reveal of records.revealed)
    if (reveal.sessionId === sessionId) ids.add(reveal.exerciseId);
  return [...ids].sort().map((exerciseId) =>
    scaleViewFor(
      exerciseId,
      records.values
        .filter((value) => value.sessionId === sessionId && value.exerciseId === exerciseId)
        .map(({ membershipId, displayName, value }) => ({ membershipId, displayName, value })),
      records.revealed.some(
        (reveal) => reveal.sessionId === sessionId && reveal.exerciseId === exerciseId,
      ),
      viewerMembershipId,
    ),
  );
}

export async function sessionScaleRecords(
  prisma: PrismaClient,
  sessionId: string,
): Promise<ScaleRecords> {
  return loadScaleRecords(prisma, { sessionId });
}

/** Cards of next-small-step frames: the frame's children that are not deleted. */
export function nextStepCards(
  elements: readonly BoardElement[],
  frames: readonly { frameId: string; kind: string }[],
): BoardElement[] {
  const stepFrames = new Set(
    frames.filter((frame) => frame.kind === "nextStep").map((frame) => frame.frameId),
  );
  return elements.filter(
    (element) =>
      !element.isDeleted && typeof element.frameId === "string" && stepFrames.has(element.frameId),
  );
}

type Listener = (groupId: string) => Promise<void>;
const resetListeners = new WeakMap<object, Listener>();

/**
 * Lets the socket feature hear that the HTTP API deleted a group's board content (keyed by the
 * server's deps object, so two Piiri instances in one process stay apart).
 */
export function onBoardReset(owner: object, listener: Listener): void {
  resetListeners.set(owner, listener);
}

export async function boardWasReset(owner: object, groupId: string): Promise<void> {
  await resetListeners.get(owner)?.(groupId);
}
