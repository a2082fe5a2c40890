import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { SessionSummary } from "@piiri/protocol/sessions";
import { useDateFormat } from "../../lib/format.ts";

export function SessionList({ sessions }: { sessions: SessionSummary[] }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  if (sessions.length === 0) return <p className="muted">{t("group.noSessions")}</p>;
  const ordered = [...sessions].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  return (
    <ul className="item-list">
      {ordered.map((session) => {
        const date = format.dateTime(session.startsAt);
        const closed = session.status === "ended" || session.status === "cancelled";
        return (
          <li key={session.id}>
            <div className="item-list__main">
              <div className="item-list__title">
                {date}
                <span className={`badge badge--${session.status}`}>
                  {t(`sessionStatus.${session.status}`)}
                </span>
              </div>
              <div className="item-list__meta">
                {t("common.minutes", { count: session.durationMinutes })}
              </div>
            </div>
            {closed ? null : (
              <Link
                className="button button--small"
                to={`/sessions/${session.id}`}
                aria-label={t("group.openSessionAria", { date })}
              >
                {t("group.openSession")}
              </Link>
            )}
          </li>
        );
      })}
    </ul>
  );
}
