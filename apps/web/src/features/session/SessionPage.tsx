import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import type { SessionDetail } from "@piiri/protocol/sessions";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";
import { useDateFormat } from "../../lib/format.ts";
import { ParticipantList } from "./ParticipantList.tsx";
import { useSessionDetail } from "./sessionQueries.ts";
import { SessionConnectionProvider } from "./SessionConnection.tsx";
import { usePresence } from "./usePresence.ts";
import { VideoArea } from "./video/VideoArea.tsx";
import { BoardProvider } from "../board/BoardProvider.tsx";
import { BoardStage } from "../board/BoardStage.tsx";

export function SessionPage() {
  const { t } = useTranslation();
  const { sessionId = "" } = useParams();
  const detail = useSessionDetail(sessionId);
  useDocumentTitle(
    detail.data ? `${t("session.title")} · ${detail.data.group.name}` : t("session.title"),
  );

  if (detail.isPending) return <Loading />;
  if (detail.isError) {
    return (
      <div className="narrow">
        <h1>{t("session.refusedTitle")}</h1>
        <ErrorAlert error={detail.error} />
        <p className="below-card">
          <Link to="/">{t("common.backToDashboard")}</Link>
        </p>
      </div>
    );
  }
  // Only members get this far: the live parts connect only after the API let us in.
  return (
    <SessionConnectionProvider sessionId={detail.data.session.id}>
      <BoardProvider>
        <LiveSession detail={detail.data} />
      </BoardProvider>
    </SessionConnectionProvider>
  );
}

function LiveSession({ detail }: { detail: SessionDetail }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const navigate = useNavigate();
  const presence = usePresence();
  const names = useMemo(
    () => new Map(presence.participants.map((p) => [p.membershipId, p.displayName])),
    [presence.participants],
  );

  return (
    <>
      <div className="session-header">
        <div>
          <Link to={`/groups/${detail.group.id}`} className="eyebrow">
            {detail.group.name}
          </Link>
          <h1>{t("session.title")}</h1>
          <p className="muted">
            {t("session.when", {
              date: format.dateTime(detail.session.startsAt),
              duration: t("common.minutes", { count: detail.session.durationMinutes }),
            })}
          </p>
        </div>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void navigate(`/groups/${detail.group.id}`)}
        >
          {t("session.leave")}
        </button>
      </div>
      <div className="session-layout">
        <BoardStage
          detail={detail}
          video={<VideoArea sessionId={detail.session.id} names={names} />}
        />
        <ParticipantList presence={presence} myMembershipId={detail.me.membershipId} />
      </div>
    </>
  );
}
