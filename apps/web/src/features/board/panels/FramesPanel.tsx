import { CaptureUpdateAction } from "@excalidraw/excalidraw";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { BoardFrame } from "@piiri/protocol/board";
import { useBoardStore } from "../BoardProvider.tsx";
import type { PanelProps } from "./BoardSidePanel.tsx";
import type { FrameInfo } from "./useFrameNames.ts";

/** The exercises on the board: show one, and (supervisor) lock it or make its notes anonymous. */
export function FramesPanel({
  api,
  view,
  detail,
  isSupervisor,
  frameNames,
}: PanelProps & { isSupervisor: boolean; frameNames: FrameInfo[] }) {
  const { t } = useTranslation();
  const store = useBoardStore();
  const [error, setError] = useState<string | null>(null);
  const known = new Map(view.state.frames.map((frame) => [frame.frameId, frame]));
  const frames = frameNames.filter((frame) => known.has(frame.id));

  const set = async (frame: BoardFrame, patch: { locked?: boolean; anonymous?: boolean }) => {
    const ack = await store.request({
      type: "board.frame.set",
      sessionId: detail.session.id,
      frameId: frame.frameId,
      ...patch,
    });
    setError(ack.ok ? null : t(`errors.${ack.code}`));
  };

  const show = (frameId: string) => {
    const element = api?.getSceneElements().find((candidate) => candidate.id === frameId);
    if (!api || !element) return;
    // Showing an exercise puts it in view on its own, without the tool panel of a selection.
    api.updateScene({
      appState: { selectedElementIds: {} },
      captureUpdate: CaptureUpdateAction.NEVER,
    });
    api.scrollToContent(element, { fitToContent: true, animate: true });
  };

  return (
    <section className="board-panel" aria-labelledby="board-frames-title">
      <h2 id="board-frames-title" className="board-panel__title">
        {t("board.frames.label")}
      </h2>
      {frames.length === 0 ? (
        <p className="muted">{t("board.frames.none")}</p>
      ) : (
        <ul className="board-frames" data-testid="board-frames">
          {frames.map((info) => {
            const frame = known.get(info.id);
            if (!frame) return null;
            const name = info.name || t(`board.templates.title.${frame.kind}`);
            return (
              <li key={info.id} className="board-frames__item">
                <div className="board-frames__name">
                  <span>{name}</span>
                  {frame.locked && <span className="badge">{t("board.frames.lockedBadge")}</span>}
                  {frame.anonymous && (
                    <span className="badge">{t("board.frames.anonymousBadge")}</span>
                  )}
                </div>
                <div className="board-frames__actions">
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    aria-label={t("board.frames.showFrame", { name })}
                    onClick={() => show(info.id)}
                  >
                    {t("board.frames.show")}
                  </button>
                  {isSupervisor && (
                    <>
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        aria-pressed={frame.locked}
                        aria-label={t(
                          frame.locked ? "board.frames.unlockFrame" : "board.frames.lockFrame",
                          { name },
                        )}
                        onClick={() => void set(frame, { locked: !frame.locked })}
                      >
                        {frame.locked ? t("board.frames.unlock") : t("board.frames.lock")}
                      </button>
                      <label className="board-check">
                        <input
                          type="checkbox"
                          checked={frame.anonymous}
                          aria-label={t("board.frames.anonymousFor", { name })}
                          onChange={(event) => void set(frame, { anonymous: event.target.checked })}
                        />
                        {t("board.frames.anonymous")}
                      </label>
                    </>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </section>
  );
}
