import { useTranslation } from "react-i18next";
import type { BoardSnapshotView } from "../sync/boardStore.ts";

/** One line that says how the board is: locked, offline, saving, or refused a change. */
export function BoardStatus({
  view,
  isSupervisor,
}: {
  view: BoardSnapshotView;
  isSupervisor: boolean;
}) {
  const { t } = useTranslation();
  const messages: { key: string; tone: "info" | "warning"; text: string }[] = [];
  if (view.state.locked) {
    messages.push({
      key: "locked",
      tone: "warning",
      text: isSupervisor ? t("board.status.lockedSupervisor") : t("board.status.lockedParticipant"),
    });
  }
  if (!view.connected)
    messages.push({ key: "offline", tone: "warning", text: t("board.status.offline") });
  else if (!view.ready)
    messages.push({ key: "connecting", tone: "info", text: t("board.status.connecting") });
  if (view.lastRefusal) {
    messages.push({
      key: "refused",
      tone: "warning",
      text: t("board.status.refused", { reason: t(`errors.${view.lastRefusal}`) }),
    });
  }
  return (
    <div className="board-status">
      <p role="status" className="board-status__saving muted" data-testid="board-sync-status">
        {view.pendingCount > 0
          ? t("board.status.pending", { count: view.pendingCount })
          : view.ready
            ? t("board.status.saved")
            : ""}
      </p>
      <p className="muted" data-testid="board-element-count">
        {t("board.status.elements", { count: view.elementCount })}
      </p>
      {messages.map((message) => (
        <p key={message.key} className={`board-status__note board-status__note--${message.tone}`}>
          {message.text}
        </p>
      ))}
    </div>
  );
}
