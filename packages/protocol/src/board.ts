// Shared whiteboard (issue 5).
// Socket messages of this feature. realtime.ts spreads `BoardRequests` into ClientRequest and
// `BoardEvents` into ServerEvent. Import only *types* from realtime.ts here (a value import
// would be a module cycle).
//
// The element model is Excalidraw's: an element is a JSON object whose `id`, `version`,
// `versionNonce` and `isDeleted` the server reads (validated strictly); the server accepts only
// Piiri's element types and Piiri's `customData` (BoardElementContent), and keeps every other
// field as the client sent it, bounded in bytes (see @piiri/domain/board/limits).
// Deletions are tombstones: `isDeleted: true` with its version, never removed by a merge, and
// carrying nothing else (BoardTombstone): a deleted note's text is gone from the server.
import { z } from "zod";

/** Excalidraw ids are nanoids (21 chars); templates may use longer readable ids. */
export const BoardElementId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, "an element id is 1–64 characters of A–Z, a–z, 0–9, _ and -");
export type BoardElementId = z.infer<typeof BoardElementId>;

const INT32_MAX = 2 ** 31 - 1;
const INT32_MIN = -(2 ** 31);

const ElementVersion = z.int().min(1).max(INT32_MAX);
const ElementNonce = z.int().min(INT32_MIN).max(INT32_MAX);

/**
 * One Excalidraw element, or a tombstone (which has no `type`). Only the fields the server relies
 * on are checked; the rest passes through (the server caps its size, and checks a change's
 * content with BoardElementContent). `frameId` names the template frame the element sits in.
 */
export const BoardElement = z.looseObject({
  id: BoardElementId,
  type: z.string().min(1).max(32).optional(),
  version: ElementVersion,
  versionNonce: ElementNonce,
  isDeleted: z.boolean(),
  frameId: BoardElementId.nullable().optional(),
});
export type BoardElement = z.infer<typeof BoardElement>;

/**
 * A deleted element as the server stores and sends it: only what the merge rule needs (see
 * @piiri/domain/board/merge). Whatever it said before is not kept anywhere.
 */
export const BoardTombstone = z.strictObject({
  id: BoardElementId,
  version: ElementVersion,
  versionNonce: ElementNonce,
  isDeleted: z.literal(true),
});
export type BoardTombstone = z.infer<typeof BoardTombstone>;

/**
 * The element types Piiri's board makes: Excalidraw's drawing tools, images and exercise
 * frames. Not `iframe`/`embeddable` (they would load other sites into everyone's board), nor
 * `magicframe` (AI, switched off), nor `selection` (never a scene element).
 */
export const BoardElementType = z.enum([
  "rectangle",
  "diamond",
  "ellipse",
  "arrow",
  "line",
  "freedraw",
  "text",
  "image",
  "frame",
]);
export type BoardElementType = z.infer<typeof BoardElementType>;

/** The solution-focused exercises a supervisor can insert from a template. */
export const BoardTemplateKind = z.enum([
  "scaling",
  "miracle",
  "exceptions",
  "resourceMap",
  "compliments",
  "nextStep",
  "recallingFuture",
]);
export type BoardTemplateKind = z.infer<typeof BoardTemplateKind>;

/**
 * The `customData` Piiri writes on elements it gives a meaning to (the web app's exercise
 * templates), and nothing else: no author, no free-form data.
 */
export const BoardCustomData = z.discriminatedUnion("piiri", [
  z.strictObject({ piiri: z.literal("exerciseFrame"), kind: BoardTemplateKind }),
  z.strictObject({ piiri: z.literal("scalingLine") }),
  /** A next-step card and whose it is (its label names the person too). */
  z.strictObject({ piiri: z.literal("nextStepCard"), person: z.string().max(200) }),
  z.strictObject({ piiri: z.literal("note") }),
]);
export type BoardCustomData = z.infer<typeof BoardCustomData>;

/**
 * What a change may contain: a deletion (whatever else it carries is dropped: the server keeps
 * only its tombstone), or an element of Piiri's types whose `customData`, if any, is one of
 * Piiri's. The server refuses a batch with any other element whole, with
 * BOARD_ELEMENT_NOT_ALLOWED.
 */
export const BoardElementContent = z.union([
  z.looseObject({ isDeleted: z.literal(true) }),
  z.looseObject({ type: BoardElementType, customData: BoardCustomData.optional() }),
]);

/** Most elements one `board.update` may carry (the client batches and splits above this). */
export const MAX_ELEMENTS_PER_UPDATE = 200;

export const BoardImageMimeType = z.enum(["image/png", "image/jpeg", "image/webp", "image/gif"]);
export type BoardImageMimeType = z.infer<typeof BoardImageMimeType>;

/** An image as Excalidraw's BinaryFileData (the parts we keep). Stored apart from elements. */
export const BoardFile = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
  mimeType: BoardImageMimeType,
  dataURL: z.string().regex(/^data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/]+=*$/),
});
export type BoardFile = z.infer<typeof BoardFile>;

/** A template frame the server knows about (its Excalidraw frame element has the same id). */
export const BoardFrame = z.object({
  frameId: BoardElementId,
  kind: BoardTemplateKind,
  /** The session the template was inserted in. */
  sessionId: z.uuid().nullable(),
  /** Participants' changes to elements in the frame are refused. */
  locked: z.boolean(),
  /** Notes in the frame carry no author, for anyone, anywhere. */
  anonymous: z.boolean(),
});
export type BoardFrame = z.infer<typeof BoardFrame>;

export const BoardState = z.object({
  /** View-only for participants. */
  locked: z.boolean(),
  frames: z.array(BoardFrame),
});
export type BoardState = z.infer<typeof BoardState>;

export const ScaleValue = z.int().min(0).max(10);

export const ScaleEntry = z.object({
  membershipId: z.uuid(),
  displayName: z.string(),
  value: ScaleValue,
});
export type ScaleEntry = z.infer<typeof ScaleEntry>;

/**
 * One scaling exercise in one session as one person may see it: before the reveal `values` holds
 * only the receiver's own value; `placedCount` says how many people have placed a marker.
 */
export const ScaleView = z.object({
  exerciseId: BoardElementId,
  revealed: z.boolean(),
  placedCount: z.int().min(0),
  values: z.array(ScaleEntry),
});
export type ScaleView = z.infer<typeof ScaleView>;

// ---- client → server (each acknowledged; see the ack types below) ----

/**
 * Changed elements (new, edited or deleted), batched. Ack: `BoardUpdateAck`. Refused whole with
 * BOARD_LOCKED (participant, locked board), BOARD_ELEMENT_NOT_ALLOWED (an element is not one
 * BoardElementContent allows), PAYLOAD_TOO_LARGE (an element, the batch or the board would
 * exceed its cap; nothing is written), RATE_LIMITED.
 */
export const BoardUpdateRequest = z.object({
  type: z.literal("board.update"),
  sessionId: z.uuid(),
  elements: z.array(BoardElement).min(1).max(MAX_ELEMENTS_PER_UPDATE),
});

/** An image for an image element. Ack `{ok:true}`; PAYLOAD_TOO_LARGE above the caps. */
export const BoardFileAddRequest = z.object({
  type: z.literal("board.file.add"),
  sessionId: z.uuid(),
  file: BoardFile,
});

/**
 * Live cursor in scene coordinates, not persisted; the server throttles it and decides from the
 * board's frames whether it goes out named or anonymous (ack `{ok:true, dropped}`).
 */
export const BoardPointerRequest = z.object({
  type: z.literal("board.pointer"),
  sessionId: z.uuid(),
  x: z.number().finite(),
  y: z.number().finite(),
});

/**
 * Supervisor: insert an exercise. `frameId` is the id of the template's Excalidraw frame element
 * (which must be among `elements`); the server records the frame with its kind. Ack as update.
 */
export const BoardTemplateInsertRequest = z.object({
  type: z.literal("board.template.insert"),
  sessionId: z.uuid(),
  frameId: BoardElementId,
  kind: BoardTemplateKind,
  elements: z.array(BoardElement).min(1).max(MAX_ELEMENTS_PER_UPDATE),
});

/** Supervisor: lock/unlock a template frame, switch its anonymity on/off. */
export const BoardFrameSetRequest = z.object({
  type: z.literal("board.frame.set"),
  sessionId: z.uuid(),
  frameId: BoardElementId,
  locked: z.boolean().optional(),
  anonymous: z.boolean().optional(),
});

/** Supervisor: make the whole board view-only for participants (or editable again). */
export const BoardLockRequest = z.object({
  type: z.literal("board.lock"),
  sessionId: z.uuid(),
  locked: z.boolean(),
});

/** Supervisor: delete every element (as tombstones, so every client converges). */
export const BoardClearRequest = z.object({
  type: z.literal("board.clear"),
  sessionId: z.uuid(),
});

/** Place one's own marker on a scaling exercise (confidential until revealed). */
export const BoardScaleSetRequest = z.object({
  type: z.literal("board.scale.set"),
  sessionId: z.uuid(),
  exerciseId: BoardElementId,
  value: ScaleValue,
});

/** Supervisor: reveal everyone's values of a scaling exercise in this session. */
export const BoardScaleRevealRequest = z.object({
  type: z.literal("board.scale.reveal"),
  sessionId: z.uuid(),
  exerciseId: BoardElementId,
});

export const BoardRequests = [
  BoardUpdateRequest,
  BoardFileAddRequest,
  BoardPointerRequest,
  BoardTemplateInsertRequest,
  BoardFrameSetRequest,
  BoardLockRequest,
  BoardClearRequest,
  BoardScaleSetRequest,
  BoardScaleRevealRequest,
] as const satisfies readonly z.ZodObject[];

/** Why one element of an update was not applied. */
export const BoardElementRefusal = z.enum(["FRAME_LOCKED"]);
export type BoardElementRefusal = z.infer<typeof BoardElementRefusal>;

export const BoardElementRef = z.object({
  id: BoardElementId,
  version: z.int(),
  versionNonce: z.int(),
});
export type BoardElementRef = z.infer<typeof BoardElementRef>;

/**
 * The ack of `board.update` / `board.template.insert`. Every `accepted` element is persisted.
 * `current` holds the server's copy of every element that was superseded (the server already had
 * a winning version) or refused: adopt it (an element refused and unknown to the server has no
 * entry: drop it).
 */
export interface BoardUpdateAck {
  accepted: BoardElementRef[];
  refused: { id: string; code: BoardElementRefusal }[];
  current: BoardElement[];
}

// ---- server → client ----

/** The whole board, sent on join/reconnect and after its content was deleted (`reset`). */
export const BoardSceneEvent = z.object({
  type: z.literal("board.scene"),
  sessionId: z.uuid(),
  groupId: z.uuid(),
  elements: z.array(BoardElement),
  files: z.array(BoardFile),
  state: BoardState,
  /** Replace the local scene instead of merging into it (the supervisor deleted everything). */
  reset: z.boolean(),
});

/** Winning element versions from others (no sender: notes may be anonymous). */
export const BoardElementsEvent = z.object({
  type: z.literal("board.elements"),
  sessionId: z.uuid(),
  elements: z.array(BoardElement),
});

export const BoardFilesEvent = z.object({
  type: z.literal("board.files"),
  sessionId: z.uuid(),
  files: z.array(BoardFile),
});

export const BoardStateEvent = z.object({
  type: z.literal("board.state"),
  sessionId: z.uuid(),
  state: BoardState,
});

/**
 * A visit of a cursor to an exercise with anonymous notes: a random id that lives only while the
 * cursor stays inside (a new one on every visit), linked to no one.
 */
export const AnonymousPointerId = z.string().regex(/^[A-Za-z0-9_-]{8,32}$/);

const NamedPointer = z.object({
  kind: z.literal("named"),
  membershipId: z.uuid(),
  displayName: z.string(),
});
const AnonymousPointer = z.object({ kind: z.literal("anonymous"), id: AnonymousPointerId });

/**
 * Someone else's cursor. Inside (or at the edge of) a frame with anonymous notes the server sends
 * it anonymous — no membership id, no name, only the visit's random id — whatever the sender is.
 */
export const BoardPointerEvent = z.object({
  type: z.literal("board.pointer"),
  sessionId: z.uuid(),
  pointer: z.discriminatedUnion("kind", [NamedPointer, AnonymousPointer]),
  x: z.number(),
  y: z.number(),
});
export type BoardPointerEvent = z.infer<typeof BoardPointerEvent>;

/** Stop showing a cursor (a named one that went into an anonymous frame, or a visit that ended). */
export const BoardPointerGoneEvent = z.object({
  type: z.literal("board.pointer.gone"),
  sessionId: z.uuid(),
  pointer: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("named"), membershipId: z.uuid() }),
    AnonymousPointer,
  ]),
});

/** One scaling exercise as the receiver may see it (see ScaleView). */
export const BoardScaleEvent = z.object({
  type: z.literal("board.scale"),
  sessionId: z.uuid(),
  scale: ScaleView,
});

export const BoardEvents = [
  BoardSceneEvent,
  BoardElementsEvent,
  BoardFilesEvent,
  BoardStateEvent,
  BoardPointerEvent,
  BoardPointerGoneEvent,
  BoardScaleEvent,
] as const satisfies readonly z.ZodObject[];

// ---- HTTP ----

export const GroupBoardParam = z.object({ groupId: z.uuid() });
export const BoardSnapshotParam = z.object({ groupId: z.uuid(), snapshotId: z.uuid() });

export const BoardSnapshotReason = z.enum(["sessionEnd", "manual"]);
export type BoardSnapshotReason = z.infer<typeof BoardSnapshotReason>;

export const BoardSnapshotSummary = z.object({
  id: z.uuid(),
  groupId: z.uuid(),
  sessionId: z.uuid().nullable(),
  reason: BoardSnapshotReason,
  elementCount: z.int(),
  createdAt: z.iso.datetime(),
});
export type BoardSnapshotSummary = z.infer<typeof BoardSnapshotSummary>;

/** A snapshot opened read-only: live (non-deleted) elements at that moment, and their images. */
export const BoardSnapshotDetail = BoardSnapshotSummary.extend({
  elements: z.array(BoardElement),
  files: z.array(BoardFile),
  frames: z.array(BoardFrame),
});
export type BoardSnapshotDetail = z.infer<typeof BoardSnapshotDetail>;

/** GET /groups/:groupId/board — the current board over HTTP (same content as `board.scene`). */
export const BoardSceneResponse = z.object({
  groupId: z.uuid(),
  elements: z.array(BoardElement),
  files: z.array(BoardFile),
  state: BoardState,
});
export type BoardSceneResponse = z.infer<typeof BoardSceneResponse>;

/** GET /groups/:groupId/board/scale-history — the group's trend, session by session. */
export const ScaleHistoryResponse = z.object({
  sessions: z.array(
    z.object({
      sessionId: z.uuid(),
      startsAt: z.iso.datetime(),
      exercises: z.array(ScaleView),
    }),
  ),
});
export type ScaleHistoryResponse = z.infer<typeof ScaleHistoryResponse>;

/**
 * GET /sessions/:sessionId/board/previous-steps — the next-small-step cards of the group's
 * previous session (as its end-of-session snapshot has them), to review in this one.
 */
export const PreviousStepsResponse = z.object({
  fromSession: z.object({ id: z.uuid(), startsAt: z.iso.datetime() }).nullable(),
  cards: z.array(BoardElement),
});
export type PreviousStepsResponse = z.infer<typeof PreviousStepsResponse>;
