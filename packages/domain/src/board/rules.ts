// Who may change what on a group's board, and what an anonymous exercise strips from a note.
import type { MemberRole } from "@piiri/protocol/groups";

/** What the rules need to know about a template frame. */
export interface FrameRules {
  readonly frameId: string;
  readonly locked: boolean;
  readonly anonymous: boolean;
}

interface Framed {
  readonly id: string;
  readonly frameId?: string | null | undefined;
}

/** The frame an element belongs to: its `frameId`, or itself when it is the frame element. */
function framesOf(element: Framed | undefined, frames: ReadonlyMap<string, FrameRules>): FrameRules[] {
  if (!element) return [];
  const found: FrameRules[] = [];
  const own = frames.get(element.id);
  if (own) found.push(own);
  if (element.frameId) {
    const parent = frames.get(element.frameId);
    if (parent) found.push(parent);
  }
  return found;
}

export type ChangeRefusal = "BOARD_LOCKED" | "FRAME_LOCKED";

/**
 * Whether a member may write this element. A participant may not change anything on a locked
 * board, nor an element that is — or would be — in a locked frame (checking the stored copy too,
 * so moving an element out of a locked frame is refused as well). The supervisor may always.
 */
export function changeRefusal(
  role: MemberRole,
  board: { locked: boolean },
  frames: ReadonlyMap<string, FrameRules>,
  incoming: Framed,
  stored: Framed | undefined,
): ChangeRefusal | null {
  if (role === "supervisor") return null;
  if (board.locked) return "BOARD_LOCKED";
  const touched = [...framesOf(incoming, frames), ...framesOf(stored, frames)];
  return touched.some((frame) => frame.locked) ? "FRAME_LOCKED" : null;
}

/** Whether the element is (or was) in an anonymous frame, so it must carry no author. */
export function isAnonymous(
  frames: ReadonlyMap<string, FrameRules>,
  incoming: Framed,
  stored: Framed | undefined,
): boolean {
  return [...framesOf(incoming, frames), ...framesOf(stored, frames)].some((frame) => frame.anonymous);
}

/** `customData` keys that name who wrote an element (authorId, authorName, author, …). */
export function isAuthorKey(key: string): boolean {
  return /^(author|creator|createdby|owner|membership|user)/i.test(key);
}

/**
 * The element without author metadata: every author-like key of `customData` is removed (and an
 * empty `customData` with it). Returns the same object when there was nothing to strip.
 */
export function withoutAuthor<E extends object>(element: E): E {
  const custom = (element as { readonly customData?: unknown }).customData;
  if (custom === null || typeof custom !== "object" || Array.isArray(custom)) return element;
  const entries = Object.entries(custom as Record<string, unknown>);
  const kept = entries.filter(([key]) => !isAuthorKey(key));
  if (kept.length === entries.length) return element;
  const copy: Record<string, unknown> = { ...(element as Record<string, unknown>) };
  if (kept.length === 0) delete copy.customData;
  else copy.customData = Object.fromEntries(kept);
  return copy as E;
}

/**
 * The elements with no author in any anonymous frame: for content saved before a frame turned
 * anonymous (a snapshot), which must not name anyone once it has. `frames` may list a frame
 * twice (as it was then and as it is now); anonymous in either is anonymous.
 */
export function withoutAuthorsInAnonymousFrames<E extends Framed>(
  elements: readonly E[],
  frames: readonly FrameRules[],
): E[] {
  const anonymous = new Map(
    frames.filter((frame) => frame.anonymous).map((frame) => [frame.frameId, frame]),
  );
  if (anonymous.size === 0) return [...elements];
  return elements.map((element) =>
    isAnonymous(anonymous, element, undefined) ? withoutAuthor(element) : element,
  );
}
