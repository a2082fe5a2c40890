import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { BoardSnapshotSummary } from "@piiri/protocol/board";
import type { SessionDetail } from "@piiri/protocol/sessions";
import { useDateFormat } from "../../../lib/format.ts";
import { useErrorMessage } from "../../../lib/useErrorMessage.ts";
import { boardKeys, deleteSnapshot, listSnapshots, saveSnapshot } from "../boardApi.ts";
import { SnapshotViewer } from "./SnapshotViewer.tsx";

/** Past states of the board: open one read-only; the supervisor saves and deletes them. */
export function SnapshotsPanel({
  detail,
  isSupervisor,
}: {
  detail: SessionDetail;
  isSupervisor: boolean;
}) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const groupId = detail.group.id;
  const [open, setOpen] = useState(false);
  const [viewing, setViewing] = useState<BoardSnapshotSummary | null>(null);
  const snapshots = useQuery({
    queryKey: boardKeys.snapshots(groupId),
    queryFn: () => listSnapshots(groupId),
    enabled: open,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: boardKeys.snapshots(groupId) });
  const save = useMutation({
    mutationFn: () => saveSnapshot(detail.session.id),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (snapshotId: string) => deleteSnapshot(groupId, snapshotId),
    onSuccess: refresh,
  });
  const error = save.error ?? remove.error ?? snapshots.error;

  return (
    <section className="board-panel" aria-labelledby="board-snapshots-title">
      <h2 id="board-snapshots-title" className="board-panel__title">
        {t("board.snapshots.title")}
      </h2>
      <div className="board-panel__row">
        <button
          type="button"
          className="button button--secondary button--small"
          aria-expanded={open}
          aria-controls="board-snapshot-list"
          onClick={() => setOpen(!open)}
        >
          {open ? t("board.snapshots.close") : t("board.snapshots.open")}
        </button>
        {isSupervisor && (
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={save.isPending}
            onClick={() => save.mutate()}
          >
            {t("board.toolbar.saveSnapshot")}
          </button>
        )}
      </div>
      {save.isSuccess && (
        <p role="status" className="muted">
          {t("board.toolbar.snapshotSaved")}
        </p>
      )}
      {open && (
        <div id="board-snapshot-list">
          {snapshots.data?.length === 0 && <p className="muted">{t("board.snapshots.none")}</p>}
          <ul className="board-snapshots" data-testid="board-snapshots">
            {snapshots.data?.map((snapshot) => {
              const date = format.dateTime(snapshot.createdAt);
              return (
                <li key={snapshot.id} className="board-snapshots__item">
                  <span>
                    {t("board.snapshots.item", {
                      date,
                      reason: t(`board.snapshots.reason.${snapshot.reason}`),
                      count: snapshot.elementCount,
                    })}
                  </span>
                  <span className="board-panel__row">
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => setViewing(snapshot)}
                    >
                      {t("board.snapshots.view")}
                    </button>
                    {isSupervisor && (
                      <button
                        type="button"
                        className="button button--danger button--small"
                        onClick={() => {
                          if (window.confirm(t("board.snapshots.deleteConfirm", { date })))
                            remove.mutate(snapshot.id);
                        }}
                      >
                        {t("board.snapshots.delete")}
                      </button>
                    )}
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {error && (
        <p role="alert" className="field-error">
          {errorMessage(error)}
        </p>
      )}
      {viewing && (
        <SnapshotViewer
          groupId={groupId}
          snapshot={viewing}
          title={t("board.snapshots.viewing", { date: format.dateTime(viewing.createdAt) })}
          onClose={() => setViewing(null)}
        />
      )}
    </section>
  );
}
