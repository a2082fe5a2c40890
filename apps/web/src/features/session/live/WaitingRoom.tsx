import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Admission } from "./liveState.ts";

/**
 * What a person sees outside the room: joining, waiting in the lobby, declined, removed, or the
 * session ended. Calm and plain: one heading, one sentence, at most two ways on.
 */
export function WaitingRoom({
  admission,
  groupId,
  groupName,
  onKnockAgain,
  onLeave,
  reconnecting = false,
}: {
  admission: Exclude<Admission, "admitted">;
  groupId: string;
  groupName: string;
  onKnockAgain: () => void;
  onLeave: () => void;
  /** The socket dropped; the place in the lobby comes back with it. */
  reconnecting?: boolean;
}) {
  const { t } = useTranslation();
  const back = (
    <Link to={`/groups/${groupId}`} className="button button--secondary">
      {t("live.lobby.backToGroup")}
    </Link>
  );
  const waiting = admission === "waiting" || admission === "joining";
  return (
    <div className="waiting-room" data-admission={admission}>
      <p className="eyebrow">{groupName}</p>
      <div className="waiting-room__card card">
        {waiting ? <div className="waiting-room__pulse" aria-hidden="true" /> : null}
        <h1>{t(`live.lobby.${admission}Title`)}</h1>
        {admission === "joining" ? null : <p>{t(`live.lobby.${admission}Text`)}</p>}
        {waiting ? (
          <p className="small muted" role="status">
            {reconnecting
              ? t("session.presence.reconnecting")
              : admission === "waiting"
                ? t("live.lobby.waitingStatus")
                : ""}
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
