import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useDateFormat } from "../../../lib/format.ts";
import type { Admission } from "./liveState.ts";
import { useTimeFormat } from "./timeFormat.ts";

/** Outside the room while the page waits for the server: nothing to do but wait, or leave. */
const WAITING: ReadonlySet<Admission> = new Set(["joining", "notOpen", "waiting"]);

/**
 * What a person sees outside the room: joining, waiting for the session to open, waiting in the
 * lobby, declined, removed, or the session ended or closed. Calm and plain: one heading, one
 * sentence, at most two ways on.
 */
export function WaitingRoom({
  admission,
  opensAt = null,
  groupId,
  groupName,
  onKnockAgain,
  onLeave,
  reconnecting = false,
}: {
  admission: Exclude<Admission, "admitted">;
  /** While "notOpen": when the session opens by itself. */
  opensAt?: string | null;
  groupId: string;
  groupName: string;
  onKnockAgain: () => void;
  onLeave: () => void;
  /** The socket dropped; the place in the lobby comes back with it. */
  reconnecting?: boolean;
}) {
  const { t } = useTranslation();
  const opening = useOpeningTime();
  const back = (
    <Link to={`/groups/${groupId}`} className="button button--secondary">
      {t("live.lobby.backToGroup")}
    </Link>
  );
  const waiting = WAITING.has(admission);
  const text =
    admission === "joining"
      ? null
      : admission === "notOpen"
        ? t("live.lobby.notOpenText", { when: opensAt ? opening(opensAt) : "" })
        : t(`live.lobby.${admission}Text`);
  const status = reconnecting
    ? t("session.presence.reconnecting")
    : admission === "waiting"
      ? t("live.lobby.waitingStatus")
      : admission === "notOpen"
        ? t("live.lobby.notOpenStatus")
        : "";
  return (
    <div className="waiting-room" data-admission={admission}>
      <p className="eyebrow">{groupName}</p>
      <div className="waiting-room__card card">
        {waiting ? <div className="waiting-room__pulse" aria-hidden="true" /> : null}
        <h1>{t(`live.lobby.${admission}Title`)}</h1>
        {text ? <p>{text}</p> : null}
        {waiting ? (
          <p className="small muted" role="status">
            {status}
          </p>
        ) : null}
        <div className="actions">
          {admission === "declined" ? (
            <button type="button" className="button" onClick={onKnockAgain}>
              {t("live.lobby.knockAgain")}
            </button>
          ) : null}
          {waiting ? (
            <button type="button" className="button button--secondary" onClick={onLeave}>
              {t("live.lobby.leave")}
            </button>
          ) : (
            back
          )}
        </div>
      </div>
    </div>
  );
}

/** "klo 9.45" today, with the date on another day. */
function useOpeningTime(): (iso: string) => string {
  const { t } = useTranslation();
  const time = useTimeFormat();
  const format = useDateFormat();
  return (iso) => {
    const at = new Date(iso);
    const today = new Date();
    const sameDay =
      at.getFullYear() === today.getFullYear() &&
      at.getMonth() === today.getMonth() &&
      at.getDate() === today.getDate();
    return sameDay
      ? t("live.lobby.opensToday", { time: time(iso) })
      : t("live.lobby.opensLater", { date: format.dateTime(iso) });
  };
}
