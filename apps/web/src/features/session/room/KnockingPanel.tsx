import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useTimeFormat } from "../live/timeFormat.ts";
import { useLive } from "../live/LiveProvider.tsx";

/** The supervisor's view of the door: who knocks, admit / decline / admit all, lobby on or off. */
export function KnockingPanel() {
  const { t } = useTranslation();
  const { state, send } = useLive();
  const time = useTimeFormat();
  const titleId = useId();
  const switchId = useId();
  const waiting = state.waiting;
  return (
    <section className="side-section" aria-labelledby={titleId} data-testid="knocking">
      <h2 id={titleId}>
        {t("live.knocking.title")}
        {waiting.length > 0 ? <span className="count-badge">{waiting.length}</span> : null}
      </h2>
      <p className="visually-hidden" role="status">
        {waiting.length > 0 ? t("live.knocking.announce", { count: waiting.length }) : ""}
      </p>
      <div className="switch-row">
        <label className="switch" htmlFor={switchId}>
          <input
            id={switchId}
            type="checkbox"
            role="switch"
            checked={state.lobbyEnabled}
            onChange={(e) => void send({ type: "live.lobby.set", enabled: e.target.checked })}
          />
          <span>{t("live.knocking.lobbySwitch")}</span>
        </label>
        <p className="small muted">
          {state.lobbyEnabled ? t("live.knocking.lobbyOnHint") : t("live.knocking.lobbyOffHint")}
        </p>
      </div>
      {waiting.length === 0 ? (
        <p className="small muted">{t("live.knocking.empty")}</p>
      ) : (
        <>
          <ul className="knock-list">
            {waiting.map((member) => (
              <li key={member.membershipId} data-membership-id={member.membershipId}>
                <div>
                  <span className="participant-list__name">{member.displayName}</span>
                  <span className="small muted">
                    {" "}
                    {t("live.knocking.knockedAt", { time: time(member.knockedAt) })}
                  </span>
                </div>
                <div className="knock-list__actions">
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={t("live.knocking.admitAria", { name: member.displayName })}
                    onClick={() =>
                      void send({ type: "live.admit", membershipId: member.membershipId })
                    }
                  >
                    {t("live.knocking.admit")}
                  </button>
                  <button
                    type="button"
                    className="button button--small button--secondary"
                    aria-label={t("live.knocking.declineAria", { name: member.displayName })}
                    onClick={() =>
                      void send({ type: "live.decline", membershipId: member.membershipId })
                    }
                  >
                    {t("live.knocking.decline")}
                  </button>
                </div>
              </li>
            ))}
          </ul>
          {waiting.length > 1 ? (
            <button
              type="button"
              className="button button--small"
              onClick={() => void send({ type: "live.admitAll" })}
            >
              {t("live.knocking.admitAll")}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
