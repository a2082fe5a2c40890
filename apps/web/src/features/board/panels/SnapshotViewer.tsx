import { Excalidraw, restoreElements } from "@excalidraw/excalidraw";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { BoardSnapshotSummary } from "@piiri/protocol/board";
import { useErrorMessage } from "../../../lib/useErrorMessage.ts";
import { boardKeys, getSnapshot } from "../boardApi.ts";
import { asExcalidraw, toBinaryFiles } from "../canvas/useBoardCanvas.ts";
import { orderByIndex } from "../sync/changeTracker.ts";

/** A snapshot opened read-only in a modal dialog. */
export function SnapshotViewer({
  groupId,
  snapshot,
  title,
  onClose,
}: {
  groupId: string;
  snapshot: BoardSnapshotSummary;
  title: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const dialog = useRef<HTMLDialogElement>(null);
  const detail = useQuery({
    queryKey: boardKeys.snapshot(groupId, snapshot.id),
    queryFn: () => getSnapshot(groupId, snapshot.id),
  });
  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="board-snapshot-dialog"
      aria-labelledby="board-snapshot-title"
      onClose={onClose}
    >
      <div className="board-snapshot-dialog__header">
        <h2 id="board-snapshot-title">{title}</h2>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => dialog.current?.close()}
        >
          {t("board.snapshots.backToBoard")}
        </button>
      </div>
      <div className="board-snapshot-dialog__canvas" data-testid="board-snapshot-canvas">
        {detail.isError && <p role="alert">{errorMessage(detail.error)}</p>}
        {detail.data && (
          <Excalidraw
            viewModeEnabled
            langCode={i18n.language === "en" ? "en" : "fi-FI"}
            aiEnabled={false}
            initialData={{
              elements: restoreElements(asExcalidraw(orderByIndex(detail.data.elements)), null),
              files: Object.fromEntries(
                toBinaryFiles(detail.data.files).map((file) => [file.id, file]),
              ),
              scrollToContent: true,
            }}
            UIOptions={{
              canvasActions: {
                loadScene: false,
                saveToActiveFile: false,
                export: false,
                saveAsImage: false,
                clearCanvas: false,
                toggleTheme: false,
                changeViewBackgroundColor: false,
              },
            }}
          />
        )}
      </div>
    </dialog>
  );
}
