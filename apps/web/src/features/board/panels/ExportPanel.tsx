import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { download, exportPdf, exportPng, type ExportFormat } from "../exportBoard.ts";
import type { PanelProps } from "./BoardSidePanel.tsx";
import type { FrameInfo } from "./useFrameNames.ts";

/** PNG or PDF of the whole board or one frame, made in this browser. */
export function ExportPanel({ api, frameNames }: PanelProps & { frameNames: FrameInfo[] }) {
  const { t } = useTranslation();
  const selectId = useId();
  const [scope, setScope] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const frameId = frameNames.some((frame) => frame.id === scope) ? scope : null;

  const run = async (format: ExportFormat) => {
    if (!api) return;
    setBusy(true);
    setMessage(null);
    try {
      const input = {
        elements: api.getSceneElements(),
        files: api.getFiles(),
        viewBackgroundColor: api.getAppState().viewBackgroundColor,
        frameId,
      };
      const blob = format === "png" ? await exportPng(input) : await exportPdf(input);
      if (!blob) {
        setMessage(t("board.toolbar.exportEmpty"));
        return;
      }
      download(blob, `${t("board.toolbar.exportFileName")}.${format}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="board-panel" aria-labelledby={`${selectId}-title`}>
      <h2 id={`${selectId}-title`} className="board-panel__title">
        {t("board.toolbar.export")}
      </h2>
      <div className="field">
        <label htmlFor={selectId}>{t("board.toolbar.exportWhat")}</label>
        <select
          id={selectId}
          value={frameId ?? ""}
          onChange={(event) => setScope(event.target.value)}
        >
          <option value="">{t("board.toolbar.exportWholeBoard")}</option>
          {frameNames.map((frame) => (
            <option key={frame.id} value={frame.id}>
              {frame.name}
            </option>
          ))}
        </select>
      </div>
      <div className="board-panel__row">
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={!api || busy}
          onClick={() => void run("png")}
        >
          {t("board.toolbar.exportPng")}
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={!api || busy}
          onClick={() => void run("pdf")}
        >
          {t("board.toolbar.exportPdf")}
        </button>
      </div>
      <p role="status" className="muted">
        {busy ? t("board.toolbar.exporting") : (message ?? "")}
      </p>
    </section>
  );
}
