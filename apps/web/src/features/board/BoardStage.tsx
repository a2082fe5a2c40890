// The session's stage: video or the shared board. The board's code (Excalidraw, ~400 KB gzipped)
// loads only when someone first opens it, and then stays mounted, so switching back and forth
// keeps the canvas, its undo history and unsent changes. Video stays mounted too (hidden).
import { lazy, Suspense, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { SessionDetail } from "@piiri/protocol/sessions";
import "./board.css";
import { serveExcalidrawAssetsLocally } from "./excalidrawAssets.ts";

const BoardWorkspace = lazy(() => {
  serveExcalidrawAssetsLocally();
  return import("./BoardWorkspace.tsx");
});

type Stage = "video" | "board";

export function BoardStage({ detail, video }: { detail: SessionDetail; video: ReactNode }) {
  const { t } = useTranslation();
  const [stage, setStage] = useState<Stage>("video");
  const [boardOpened, setBoardOpened] = useState(false);

  const choose = (next: Stage) => {
    setStage(next);
    if (next === "board") setBoardOpened(true);
  };

  return (
    <div className="board-stage">
      <div className="stage-switch" role="group" aria-label={t("board.stage.label")}>
        {(["video", "board"] as const).map((option) => (
          <button
            key={option}
            type="button"
            className="stage-switch__option"
            aria-pressed={stage === option}
            onClick={() => choose(option)}
          >
            {t(`board.stage.${option}`)}
          </button>
        ))}
      </div>
      <div hidden={stage !== "video"}>{video}</div>
      {boardOpened && (
        <div hidden={stage !== "board"}>
          <Suspense
            fallback={
              <p role="status" className="muted">
                {t("board.loading")}
              </p>
            }
          >
            <BoardWorkspace detail={detail} visible={stage === "board"} />
          </Suspense>
        </div>
      )}
    </div>
  );
}
