import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorMessage } from "../../../lib/useErrorMessage.ts";
import { useBoardStore, useBoardView } from "../BoardProvider.tsx";
import { boardKeys, deleteBoardContent } from "../boardApi.ts";
import type { PanelProps } from "./BoardSidePanel.tsx";

/** The supervisor's board-wide controls: lock, clear, delete everything (each confirmed). */
export function ManagePanel({ detail }: Pick<PanelProps, "detail" | "api">) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const store = useBoardStore();
  const view = useBoardView();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const sessionId = detail.session.id;
  const deleteAll = useMutation({
    mutationFn: () => deleteBoardContent(detail.group.id),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: boardKeys.snapshots(detail.group.id) }),
  });

  const answer = async (request: Promise<{ ok: boolean; code?: string }>) => {
    const ack = await request;
    setError(ack.ok || !ack.code ? null : t(`errors.${ack.code as "INTERNAL"}`));
  };

  return (
    <section className="board-panel" aria-labelledby="board-manage-title">
      <h2 id="board-manage-title" className="board-panel__title">
        {t("board.toolbar.manage")}
      </h2>
      <button
        type="button"
        className="button button--secondary button--small"
        aria-pressed={view.state.locked}
        onClick={() =>
          void answer(store.request({ type: "board.lock", sessionId, locked: !view.state.locked }))
        }
      >
        {view.state.locked ? t("board.toolbar.unlockBoard") : t("board.toolbar.lockBoard")}
      </button>
      <div className="board-panel__row">
        <button
          type="button"
          className="button button--danger button--small"
          onClick={() => {
            if (window.confirm(t("board.toolbar.clearConfirm")))
              void answer(store.request({ type: "board.clear", sessionId }));
          }}
        >
          {t("board.toolbar.clear")}
        </button>
        <button
          type="button"
          className="button button--danger button--small"
          disabled={deleteAll.isPending}
          onClick={() => {
            if (window.confirm(t("board.toolbar.deleteAllConfirm"))) deleteAll.mutate();
          }}
        >
          {t("board.toolbar.deleteAll")}
        </button>
      </div>
      {(error ?? deleteAll.error) && (
        <p role="alert" className="field-error">
          {error ?? errorMessage(deleteAll.error)}
        </p>
      )}
    </section>
  );
}
