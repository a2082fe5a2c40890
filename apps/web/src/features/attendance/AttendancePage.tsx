import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import type { AttendanceRow } from "@piiri/protocol/live";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { RoleBadge } from "../../components/RoleBadge.tsx";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";
import { getSessionAttendance, sessionAttendanceCsvUrl } from "../../lib/api.ts";
import { useDateFormat } from "../../lib/format.ts";
import { useSessionDetail } from "../session/sessionQueries.ts";
import { useTimeFormat } from "../session/live/timeFormat.ts";
import { AttendanceSource } from "./AttendanceSource.tsx";

/** The supervisor's attendance record of one session: who, when, how long; CSV for invoicing. */
export function AttendancePage() {
  const { t, i18n } = useTranslation();
  const { sessionId = "" } = useParams();
  const format = useDateFormat();
  const time = useTimeFormat();
  const detail = useSessionDetail(sessionId);
  const attendance = useQuery({
    queryKey: ["sessions", sessionId, "attendance"],
    queryFn: () => getSessionAttendance(sessionId),
  });
  useDocumentTitle(t("live.attendance.title"));

  if (attendance.isPending || detail.isPending) return <Loading />;
  const error = attendance.error ?? detail.error;
  if (error || !attendance.data || !detail.data) {
    return (
      <div className="narrow">
        <h1>{t("live.attendance.title")}</h1>
        <ErrorAlert error={error} />
        <p className="below-card">
          <Link to="/">{t("common.backToDashboard")}</Link>
        </p>
      </div>
    );
  }
  const { group, session } = detail.data;
  const lang = i18n.resolvedLanguage === "en" ? "en" : "fi";
  const span = (row: AttendanceRow) => {
    if (!row.firstJoinedAt) return { joined: t("live.attendance.absent"), left: "" };
    const open = row.intervals.some((interval) => interval.leftAt === null);
    return {
      joined: time(row.firstJoinedAt),
      left: open ? t("live.attendance.stillHere") : row.lastLeftAt ? time(row.lastLeftAt) : "",
    };
  };

  return (
    <div className="stack">
      <div className="page-header">
        <Link to={`/groups/${group.id}`} className="eyebrow">
          {group.name}
        </Link>
        <h1>{t("live.attendance.title")}</h1>
        <p className="muted">
          {t("session.when", {
            date: format.dateTime(session.startsAt),
            duration: t("common.minutes", { count: session.durationMinutes }),
          })}
        </p>
        <p>{t("live.attendance.intro")}</p>
      </div>
      <section className="card">
        <table className="attendance-table" data-testid="attendance">
          <thead>
            <tr>
              <th scope="col">{t("live.attendance.name")}</th>
              <th scope="col">{t("live.attendance.role")}</th>
              <th scope="col">{t("live.attendance.joined")}</th>
              <th scope="col">{t("live.attendance.left")}</th>
              <th scope="col" className="number">
                {t("live.attendance.minutes")}
              </th>
              <th scope="col">{t("live.attendance.source")}</th>
            </tr>
          </thead>
          <tbody>
            {attendance.data.members.map((row) => {
              const { joined, left } = span(row);
              return (
                <tr key={row.membershipId}>
                  <th scope="row">{row.displayName}</th>
                  <td>
                    <RoleBadge role={row.role} />
                  </td>
                  <td data-label={t("live.attendance.joined")}>{joined}</td>
                  <td data-label={t("live.attendance.left")}>{left}</td>
                  <td className="number" data-label={t("live.attendance.minutes")}>
                    {row.totalMinutes}
                  </td>
                  <td data-label={t("live.attendance.source")}>
                    <AttendanceSource row={row} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <p className="actions">
        <a className="button" href={sessionAttendanceCsvUrl(sessionId, lang)} download>
          {t("live.attendance.download")}
        </a>
        <span className="small muted">{t("live.attendance.downloadHint")}</span>
      </p>
      <p>
        <Link to={`/groups/${group.id}`}>{t("live.attendance.back")}</Link>
      </p>
    </div>
  );
}
