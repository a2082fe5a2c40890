// Putting new elements on the board from code (a template, a sticky note): they are placed on
// top, become one undoable step for the person who inserted them, and go out to the server.
import {
  CaptureUpdateAction,
  convertToExcalidrawElements,
  getCommonBounds,
} from "@excalidraw/excalidraw";
import type { ExcalidrawElementSkeleton } from "@excalidraw/excalidraw/data/transform";
import type { ExcalidrawImperativeAPI } from "@excalidraw/excalidraw/types";
import { isLocalOnly } from "../sync/boardStore.ts";
import { asBoardElements } from "./useBoardCanvas.ts";
import type { BoardElement } from "@piiri/protocol/board";

/** Where a new exercise goes: to the right of everything on the board. */
export function nextFreeOrigin(api: ExcalidrawImperativeAPI): { x: number; y: number } {
  const live = api.getSceneElements().filter((element) => !isLocalOnly(element.id));
  if (live.length === 0) return { x: 100, y: 100 };
  const [, minY, maxX] = getCommonBounds(live);
  return { x: Math.round(maxX + 120), y: Math.round(minY) };
}

/** The middle of what the user sees, in scene coordinates. */
export function viewportCentre(api: ExcalidrawImperativeAPI): { x: number; y: number } {
  const { scrollX, scrollY, zoom, width, height } = api.getAppState();
  return { x: width / 2 / zoom.value - scrollX, y: height / 2 / zoom.value - scrollY };
}

/** Adds the skeleton's elements to the scene; returns them as the scene now has them. */
export function insertSkeleton(
  api: ExcalidrawImperativeAPI,
  skeleton: ExcalidrawElementSkeleton[],
  options: { select?: boolean } = {},
): BoardElement[] {
  const created = convertToExcalidrawElements(skeleton, { regenerateIds: false });
  const ids = new Set(created.map((element) => element.id));
  // No index: Excalidraw gives them fractional indices above everything already there.
  const fresh = created.map((element) => ({ ...element, index: null }));
  api.updateScene({
    elements: [...api.getSceneElementsIncludingDeleted(), ...fresh],
    ...(options.select
      ? {
          appState: {
            selectedElementIds: Object.fromEntries([...ids].map((id) => [id, true as const])),
          },
        }
      : {}),
    captureUpdate: CaptureUpdateAction.IMMEDIATELY,
  });
  return asBoardElements(
    api.getSceneElementsIncludingDeleted().filter((element) => ids.has(element.id)),
  );
}
