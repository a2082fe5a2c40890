// What a board change may contain. The request schema checks an element's structure (the merge
// fields); this checks its content against what Piiri's board makes (BoardElementContent), so
// that nobody can store an embedded web page or arbitrary data on a group's board.
import { BoardElementContent, BoardElementType, type BoardElement } from "@piiri/protocol/board";
import { AppError } from "../errors.ts";

/** Refuses the whole batch (nothing is written) when any element is not one Piiri makes. */
export function requireAllowedElements(elements: readonly BoardElement[]): void {
  for (const element of elements) {
    if (BoardElementContent.safeParse(element).success) continue;
    throw new AppError(
      "BOARD_ELEMENT_NOT_ALLOWED",
      `element ${element.id}: ${whyRefused(element)}; nothing was saved`,
    );
  }
}

function whyRefused(element: BoardElement): string {
  if (element.type === undefined) return "an element that is not deleted needs a type";
  if (!BoardElementType.safeParse(element.type).success)
    return `the board has no elements of type "${element.type}"`;
  return "its customData is not one the board writes";
}
