// The board itself (loaded lazily): Excalidraw in the user's language, wired to the BoardStore,
// with the exercise, export, snapshot and supervisor controls beside it.
import "@excalidraw/excalidraw/index.css";
import { can } from "@piiri/domain/permissions";
import { Excalidraw, MainMenu } from "@excalidraw/excalidraw";
import { useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { SessionDetail } from "@piiri/protocol/sessions";
import { usePresence } from "../session/usePresence.ts";
import { useBoardStore, useBoardView } from "./BoardProvider.tsx";
import { BoardSidePanel } from "./panels/BoardSidePanel.tsx";
import { BoardStatus } from "./panels/BoardStatus.tsx";
import { useBoardCanvas } from "./canvas/useBoardCanvas.ts";

export default function BoardWorkspace({
  detail,
  visible,
}: {
  detail: SessionDetail;
  visible: boolean;
}) {
  const { t, i18n } = useTranslation();
  const store = useBoardStore();
  const view = useBoardView();
  const presence = usePresence();
  const isSupervisor = can(detail.me.role, "board.manage");
  const canvas = useBoardCanvas({
    store,
    view,
    myMembershipId: detail.me.membershipId,
    youLabel: t("board.pointer.you"),
    embedRefusedLabel: t("board.embedNotAvailable"),
    anonymousLabel: t("board.pointer.anonymous"),
  });
  const readOnly = !isSupervisor && view.state.locked;
  const langCode = (i18n.resolvedLanguage ?? i18n.language) === "en" ? "en" : "fi-FI";

  // Excalidraw measures its container; after being hidden it needs to measure again.
  useEffect(() => {
    if (visible) canvas.api?.refresh();
  }, [visible, canvas.api]);

  const participants = useMemo(
    () =>
      presence.participants
        .filter((participant) => participant.role === "participant")
        .map(({ membershipId, displayName }) => ({ membershipId, displayName })),
    [presence.participants],
  );

  return (
    <section className="board-workspace" aria-label={t("board.canvasLabel")}>
      <BoardStatus view={view} isSupervisor={isSupervisor} />
      <div className="board-main">
        <div
          className="board-canvas"
          data-testid="board-canvas"
          data-ready={view.ready && canvas.api !== null}
        >
          <Excalidraw
            excalidrawAPI={canvas.onApi}
            initialData={canvas.initialData}
            onChange={canvas.onChange}
            onPointerUpdate={canvas.onPointerUpdate}
            isCollaborating
            viewModeEnabled={readOnly}
            langCode={langCode}
            aiEnabled={false}
            validateEmbeddable={false}
            name={detail.group.name}
            UIOptions={{
              canvasActions: {
                loadScene: false,
                saveToActiveFile: false,
                export: false,
                saveAsImage: false,
                clearCanvas: false,
                toggleTheme: false,
                changeViewBackgroundColor: true,
              },
              tools: { image: true },
            }}
          >
            <MainMenu>
              <MainMenu.DefaultItems.ChangeCanvasBackground />
              <MainMenu.DefaultItems.Help />
            </MainMenu>
          </Excalidraw>
        </div>
        <BoardSidePanel
          detail={detail}
          api={canvas.api}
          view={view}
          participants={participants}
          readOnly={readOnly}
        />
      </div>
    </section>
  );
}
