import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { SessionSummary } from "@piiri/protocol/sessions";
import { groupAttendanceCsvUrl } from "../../lib/api.ts";
import { useDateFormat } from "../../lib/format.ts";

export function SessionList({
  sessions,
  isSupervisor = false,
}: {
  sessions: SessionSummary[];
  /** Supervisors also get each session's attendance, and the whole group's as CSV. */
  isSupervisor?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const format = useDateFormat();
  if (sessions.length === 0) return <p className="muted">{t("group.noSessions")}</p>;
  const ordered = [...sessions].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const groupId = ordered[0]?.groupId;
  return (
    <>
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
              <div className="item-list__actions">
                {isSupervisor ? (
                  <Link
                    className="button button--small button--secondary"
                    to={`/sessions/${session.id}/attendance`}
                    aria-label={t("live.attendance.linkAria", { date })}
                  >
                    {t("live.attendance.link")}
                  </Link>
                ) : null}
                {closed ? null : (
                  <Link
                    className="button button--small"
                    to={`/sessions/${session.id}`}
                    aria-label={t("group.openSessionAria", { date })}
                  >
                    {t("group.openSession")}
                  </Link>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {isSupervisor && groupId ? (
        <p className="small">
          <a
            href={groupAttendanceCsvUrl(groupId, i18n.resolvedLanguage === "en" ? "en" : "fi")}
            download
          >
            {t("live.attendance.groupCsv")}
          </a>
        </p>
      ) : null}
    </>
  );
}
