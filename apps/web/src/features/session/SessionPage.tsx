import "../../styles/live.css";
import { can } from "@piiri/domain/permissions";
import { lazy, Suspense, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import type { SessionDetail } from "@piiri/protocol/sessions";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";
import { ApiError } from "../../lib/apiError.ts";
import {
  enteredChoices,
  forgetEntered,
  rememberEntered,
  type DeviceChoices,
} from "./devices/deviceChoices.ts";
import { LiveProvider, useLive } from "./live/LiveProvider.tsx";
import { WaitingRoom } from "./live/WaitingRoom.tsx";
import { RoomView } from "./room/RoomView.tsx";
import { BoardProvider } from "../board/BoardProvider.tsx";
import { BoardStage } from "../board/BoardStage.tsx";
import { RoundsProvider, useRoundSpotlight } from "../rounds/RoundsContext.tsx";
import { SessionRounds } from "../rounds/SessionRounds.tsx";
import { useSessionDetail } from "./sessionQueries.ts";
import { SessionConnectionProvider } from "./SessionConnection.tsx";
import { usePresence } from "./usePresence.ts";

// The device check uses livekit-client's media code: load it only on this page.
const DeviceCheck = lazy(() => import("./devices/DeviceCheck.tsx"));

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
  return <SessionEntry key={detail.data.session.id} detail={detail.data} />;
}

/** First the device check; then the session's one socket, the lobby and the room. */
function SessionEntry({ detail }: { detail: SessionDetail }) {
  const sessionId = detail.session.id;
  const [choices, setChoices] = useState<DeviceChoices | null>(() => enteredChoices(sessionId));
  if (!choices) {
    return (
      <Suspense fallback={<Loading />}>
        <DeviceCheck
          groupName={detail.group.name}
          isSupervisor={can(detail.me.role, "session.bypassLobby")}
          onJoin={(chosen) => {
            rememberEntered(sessionId, chosen);
            setChoices(chosen);
          }}
        />
      </Suspense>
    );
  }
  // Only members get this far: the live parts connect only after the API let us in.
  return (
    <SessionConnectionProvider sessionId={sessionId}>
      <LiveProvider>
        <RoundsProvider myMembershipId={detail.me.membershipId} myRole={detail.me.role}>
          <BoardProvider>
            <LiveSession detail={detail} choices={choices} />
          </BoardProvider>
        </RoundsProvider>
      </LiveProvider>
    </SessionConnectionProvider>
  );
}

function LiveSession({ detail, choices }: { detail: SessionDetail; choices: DeviceChoices }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const presence = usePresence();
  const live = useLive();
  const sessionId = detail.session.id;
  const admission = live.state.admission;
  const leave = () => {
    forgetEntered(sessionId);
    void navigate(`/groups/${detail.group.id}`);
  };

  if (
    presence.status === "refused" &&
    admission !== "removed" &&
    admission !== "ended" &&
    admission !== "closed"
  ) {
    return (
      <div className="narrow">
        <h1>{t("session.refusedTitle")}</h1>
        <ErrorAlert error={new ApiError(403, presence.refusal ?? "UNKNOWN")} />
        <p className="below-card">
          <Link to={`/groups/${detail.group.id}`}>{t("live.lobby.backToGroup")}</Link>
        </p>
      </div>
    );
  }
  if (admission !== "admitted") {
    return (
      <WaitingRoom
        admission={admission}
        opensAt={live.state.opensAt}
        groupId={detail.group.id}
        groupName={detail.group.name}
        onKnockAgain={() => void live.knockAgain()}
        onLeave={leave}
        reconnecting={presence.status === "reconnecting"}
      />
    );
  }
  return <Room detail={detail} choices={choices} onLeave={leave} />;
}

/**
 * The room with the other features plugged in: while a round runs its speaker is spotlighted
 * for everyone (otherwise the supervisor's spotlight holds) and a listen-only presenter is
 * marked; the agenda and rounds sit under the stage; the stage switches between video and
 * the board.
 */
function Room({
  detail,
  choices,
  onLeave,
}: {
  detail: SessionDetail;
  choices: DeviceChoices;
  onLeave: () => void;
}) {
  const rounds = useRoundSpotlight();
  const listening = useMemo(() => new Set(rounds.listeningIds), [rounds.listeningIds]);
  return (
    <RoomView
      detail={detail}
      choices={choices}
      onLeave={onLeave}
      spotlightMembershipId={rounds.speakerId ?? undefined}
      listening={listening}
      wrapStage={(video) => <BoardStage detail={detail} video={video} />}
      below={<SessionRounds groupId={detail.group.id} />}
    />
  );
}
