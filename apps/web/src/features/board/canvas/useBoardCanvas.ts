// Wires one Excalidraw canvas to the BoardStore: local changes go in, the server's changes come
// out (applied with CaptureUpdateAction.NEVER, so undo/redo only ever undoes one's own changes),
// images both ways, live cursors, and the scaling markers this browser may show.
import {
  CaptureUpdateAction,
  convertToExcalidrawElements,
  restoreElements,
} from "@excalidraw/excalidraw";
import type { ExcalidrawElement } from "@excalidraw/excalidraw/element/types";
import type {
  AppState,
  BinaryFileData,
  BinaryFiles,
  Collaborator,
  ExcalidrawImperativeAPI,
  ExcalidrawInitialDataState,
  SocketId,
} from "@excalidraw/excalidraw/types";
import { useCallback, useEffect, useRef, useState } from "react";
import { BoardImageMimeType, type BoardElement, type BoardFile } from "@piiri/protocol/board";
import type { BoardStore, BoardSnapshotView } from "../sync/boardStore.ts";
import { isLocalOnly } from "../sync/boardStore.ts";
import { applySceneChange, orderByIndex } from "../sync/changeTracker.ts";
import { forCanvas, isRefusedType } from "../sync/sendable.ts";
import { scaleMarkers } from "../templates/scaleMarkers.ts";

type Elements = readonly ExcalidrawElement[];

/** Excalidraw's elements are plain JSON objects with the fields the protocol checks. */
export const asBoardElements = (elements: Elements) => elements as unknown as BoardElement[];
export const asExcalidraw = (elements: readonly BoardElement[]) =>
  elements as unknown as ExcalidrawElement[];

export function toBinaryFiles(files: readonly BoardFile[]): BinaryFileData[] {
  return files.map((file) => ({
    id: file.id as BinaryFileData["id"],
    mimeType: file.mimeType,
    dataURL: file.dataURL as BinaryFileData["dataURL"],
    created: 0,
  }));
}

const ANONYMOUS_COLLABORATOR = "anonymous";
const COLORS = ["#e8590c", "#2f9e44", "#9c36b5", "#1971c2", "#c2255c", "#0c8599", "#f08c00"];

function colorFor(id: string) {
  let hash = 0;
  for (let i = 0; i < id.length; i += 1) hash = (hash * 31 + id.charCodeAt(i)) | 0;
  const stroke = COLORS[Math.abs(hash) % COLORS.length] ?? "#1971c2";
  return { background: stroke, stroke };
}

/** The scene without this browser's markers, plus the markers it may show now. */
function withMarkers(
  elements: Elements,
  view: BoardSnapshotView,
  myMembershipId: string,
  you: string,
): ExcalidrawElement[] {
  const shared = elements.filter((element) => !isLocalOnly(element.id));
  const markers: ExcalidrawElement[] = [];
  for (const line of shared) {
    const custom = line.customData as { piiri?: string } | undefined;
    if (line.isDeleted || custom?.piiri !== "scalingLine" || !line.frameId) continue;
    const scale = view.scales.get(line.frameId);
    if (!scale || scale.values.length === 0) continue;
    // A line's own width can lag behind its points; the points are the truth.
    const points = (line as unknown as { points?: readonly (readonly [number, number])[] }).points;
    const xs = points && points.length > 0 ? points.map((point) => point[0]) : [0, line.width];
    const start = line.x + Math.min(...xs);
    const width = Math.max(...xs) - Math.min(...xs);
    const skeleton = scaleMarkers(
      line.frameId,
      { x: start, y: line.y, width },
      scale,
      myMembershipId,
      {
        you,
      },
    );
    markers.push(...convertToExcalidrawElements(skeleton, { regenerateIds: false }));
  }
  return [...shared, ...markers];
}

export function useBoardCanvas(options: {
  store: BoardStore;
  view: BoardSnapshotView;
  myMembershipId: string;
  youLabel: string;
  /** Said when someone picks Excalidraw's web-embed tool, which the board does not take. */
  embedRefusedLabel: string;
  /** The label of a cursor in an exercise with anonymous notes. */
  anonymousLabel: string;
}) {
  const { store, view, myMembershipId, youLabel, embedRefusedLabel, anonymousLabel } = options;
  const apiRef = useRef<ExcalidrawImperativeAPI | null>(null);
  const [api, setApi] = useState<ExcalidrawImperativeAPI | null>(null);
  const viewRef = useRef(view);
  useEffect(() => {
    viewRef.current = view;
  });

  const redrawMarkers = useCallback(() => {
    const api = apiRef.current;
    if (!api) return;
    const current = api.getSceneElementsIncludingDeleted();
    api.updateScene({
      elements: withMarkers(current, viewRef.current, myMembershipId, youLabel),
      captureUpdate: CaptureUpdateAction.NEVER,
    });
  }, [myMembershipId, youLabel]);

  /** Whether the view still has to be fitted to the scene Excalidraw started with. */
  const fitPending = useRef(false);

  /**
   * Everything the store holds, for Excalidraw to start with. Excalidraw hands out its API from
   * its constructor but replaces its whole scene with `initialData` once it has mounted, so a
   * scene given to the API before that was lost: whoever opened the board after the server's
   * scene had arrived (a late joiner, a reload, the next session) saw an empty canvas, hence no
   * exercises. Excalidraw calls this at that moment and applies it in the same task, so it reads
   * the store as it is then; changes arriving later go through `subscribeScene` below.
   */
  const initialData = useCallback((): ExcalidrawInitialDataState => {
    // Tombstones stay in the store (for the merge); the canvas needs none of them.
    const live = store.elements().filter((element) => !element.isDeleted);
    const restored = restoreElements(asExcalidraw(orderByIndex(live)), null);
    fitPending.current = restored.length > 0;
    const files: BinaryFiles = {};
    for (const file of toBinaryFiles(store.allFiles())) files[file.id] = file;
    return {
      elements: withMarkers(restored, viewRef.current, myMembershipId, youLabel),
      files,
    };
  }, [store, myMembershipId, youLabel]);

  const onApi = useCallback((next: ExcalidrawImperativeAPI) => {
    if (apiRef.current === next) return;
    apiRef.current = next;
    setApi(next);
  }, []);

  // The server's changes (and this client's reverted ones) into the canvas.
  useEffect(
    () =>
      store.subscribeScene((change, reset) => {
        const api = apiRef.current;
        if (!api) return;
        const current = reset
          ? api.getSceneElementsIncludingDeleted().filter((element) => isLocalOnly(element.id))
          : api.getSceneElementsIncludingDeleted();
        const put = restoreElements(
          asExcalidraw(forCanvas(change.put, new Map(current.map((e) => [e.id, e])))),
          null,
        );
        const next = applySceneChange(asBoardElements(current), {
          put: asBoardElements(put),
          remove: change.remove,
        });
        api.updateScene({
          elements: withMarkers(
            asExcalidraw(orderByIndex(next)),
            viewRef.current,
            myMembershipId,
            youLabel,
          ),
          captureUpdate: CaptureUpdateAction.NEVER,
        });
        // The supervisor deleted everything: nothing from before may come back with undo.
        // eslint-disable-next-line @typescript-eslint/no-unsafe-call -- Excalidraw types history.clear via an alias typescript-eslint cannot follow
        if (reset) api.history.clear();
      }),
    [store, myMembershipId, youLabel],
  );

  // Images others added.
  useEffect(() => {
    api?.addFiles(toBinaryFiles(store.allFiles()));
  }, [api, store, view.filesVersion]);

  // Markers follow the scaling values this browser may see.
  useEffect(() => {
    if (api) redrawMarkers();
  }, [api, redrawMarkers, view.scales]);

  // Cursors of the others, with their names; an anonymous one unnamed. Excalidraw colours a
  // cursor by its collaborator id: every anonymous cursor gets the same one, so that neither a
  // colour nor anything else tells two of them apart (its list shows them as one "anonymous").
  useEffect(() => {
    if (!api) return;
    const collaborators = new Map<SocketId, Collaborator>();
    for (const pointer of view.pointers.values()) {
      if (pointer.membershipId === myMembershipId) continue;
      collaborators.set(pointer.key as SocketId, {
        id: pointer.membershipId ?? ANONYMOUS_COLLABORATOR,
        username: pointer.displayName ?? anonymousLabel,
        pointer: { x: pointer.x, y: pointer.y, tool: "pointer" },
        ...(pointer.membershipId === null ? {} : { color: colorFor(pointer.membershipId) }),
      });
    }
    api.updateScene({ collaborators, captureUpdate: CaptureUpdateAction.NEVER });
  }, [api, view.pointers, myMembershipId, anonymousLabel]);

  const onChange = useCallback(
    (elements: Elements, appState: AppState, files: BinaryFiles) => {
      const api = apiRef.current;
      // Whoever opens a board that has content sees all of it (once, when it first arrives:
      // Excalidraw's own initial scroll measures the window, not the canvas).
      if (api && fitPending.current && elements.some((element) => !element.isDeleted)) {
        fitPending.current = false;
        api.scrollToContent(undefined, { fitToContent: true, animate: false });
      }
      // Embedded web pages are not part of Piiri's board: the tool gives way to the selection,
      // and such an element (pasted, say) is taken off the canvas; it is never sent.
      if (api && appState.activeTool.type === "embeddable") {
        api.setActiveTool({ type: "selection" });
        api.setToast({ message: embedRefusedLabel, closable: true, duration: 5000 });
      }
      if (api && elements.some(isRefusedType)) {
        api.updateScene({
          elements: api.getSceneElementsIncludingDeleted().filter((e) => !isRefusedType(e)),
          captureUpdate: CaptureUpdateAction.NEVER,
        });
        return;
      }
      store.noteLocal(asBoardElements(elements));
      const images: BoardFile[] = [];
      for (const file of Object.values(files)) {
        const mimeType = BoardImageMimeType.safeParse(file.mimeType);
        if (mimeType.success)
          images.push({ id: file.id, mimeType: mimeType.data, dataURL: file.dataURL });
      }
      if (images.length > 0) store.noteFiles(images);
    },
    [store, embedRefusedLabel],
  );

  const onPointerUpdate = useCallback(
    (payload: { pointer: { x: number; y: number } }) =>
      store.pointer(payload.pointer.x, payload.pointer.y),
    [store],
  );

  return { api, onApi, initialData, onChange, onPointerUpdate, redrawMarkers };
}
