// What this browser sends of its canvas, so that the server never has to refuse it (it refuses a
// batch whole with BOARD_ELEMENT_NOT_ALLOWED, see BoardElementContent in @piiri/protocol/board):
// a deletion goes out as a bare tombstone (its content never leaves the browser), customData
// that Piiri did not write (pasted from another Excalidraw) stays local, and elements of types
// the board does not take (an embedded web page) are not sent at all: the canvas drops them.
import {
  BoardCustomData,
  BoardElementType,
  type BoardElement,
  type BoardTombstone,
} from "@piiri/protocol/board";

/** A live element of a type the board does not take (the canvas removes it, nothing is sent). */
export function isRefusedType(element: { type?: unknown; isDeleted: boolean }): boolean {
  return !element.isDeleted && !BoardElementType.safeParse(element.type).success;
}

/** The copy of a canvas element that goes to the server (see the file comment). */
export function sendableCopy(element: BoardElement): BoardElement {
  if (element.isDeleted) return tombstone(element);
  const copy: Record<string, unknown> = { ...element };
  if ("customData" in copy && !BoardCustomData.safeParse(copy.customData).success) {
    delete copy.customData;
  }
  return copy as BoardElement;
}

function tombstone(element: BoardElement): BoardTombstone {
  return {
    id: element.id,
    version: element.version,
    versionNonce: element.versionNonce,
    isDeleted: true,
  };
}

/**
 * The server's elements as the canvas takes them. A tombstone carries no type, so Excalidraw
 * could not restore it: it marks the canvas's own copy deleted (at the tombstone's version, so
 * the change is not sent back); a tombstone of something the canvas never had is left out.
 */
export function forCanvas<E extends { id: string }>(
  incoming: readonly BoardElement[],
  canvas: ReadonlyMap<string, E>,
): BoardElement[] {
  return incoming.flatMap((element) => {
    if (!element.isDeleted) return [element];
    const own = canvas.get(element.id);
    if (!own) return [];
    return [
      {
        ...(own as unknown as BoardElement),
        version: element.version,
        versionNonce: element.versionNonce,
        isDeleted: true,
      },
    ];
  });
}
