import { useEffect, useId, useMemo, useState, type ReactNode } from "react";
import { can } from "@piiri/domain/permissions";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { SessionDetail } from "@piiri/protocol/sessions";
import { useDateFormat } from "../../../lib/format.ts";
import {
  saveLayout,
  savedLayout,
  type DeviceChoices,
  type RoomLayout,
} from "../devices/deviceChoices.ts";
import { useRoomKey } from "../e2ee/useRoomKey.ts";
import { useLive } from "../live/LiveProvider.tsx";
import { handPlace } from "../live/liveState.ts";
import { usePresence } from "../usePresence.ts";
import { VideoArea } from "../video/VideoArea.tsx";
import { ConfirmDialog } from "./ConfirmDialog.tsx";
import { E2eeIndicator } from "./E2eeIndicator.tsx";
import { HandsPanel } from "./HandsPanel.tsx";
import { KnockingPanel } from "./KnockingPanel.tsx";
import { LiveNoticeBar } from "./LiveNoticeBar.tsx";
import { ParticipantsPanel } from "./ParticipantsPanel.tsx";
import { ReactionButtons, ReactionsOverlay } from "./Reactions.tsx";

/** One extra section of the side panel (rounds, agenda … from other features). */
export type SideSection = { id: string; node: ReactNode };

/**
 * The room: a stage (video, or what another feature puts there) and a side panel of sections
 * (the door, the hand queue, who is here, and any extra sections), with the controls below.
 *
 * Extension points for other features:
 * - `spotlightMembershipId`: whom the stage focuses on; defaults to the supervisor's spotlight.
 *   Feed e.g. the current round's speaker in here.
 * - `listening`: member ids marked "listening" on their tiles and in the list.
 * - `wrapStage`: wraps the video stage (e.g. a "video / board" switch that shows one of them).
 * - `sideSections`: more sections at the end of the side panel.
 * - `below`: full-width content under the stage and side panel (e.g. the agenda and rounds,
 *   whose editors need more room than the side panel has).
 */
export function RoomView({
  detail,
  choices,
  onLeave,
  spotlightMembershipId,
  listening,
  wrapStage = (video) => video,
  sideSections = [],
  below,
}: {
  detail: SessionDetail;
  choices: DeviceChoices;
  onLeave: () => void;
  spotlightMembershipId?: string | null;
  listening?: ReadonlySet<string>;
  wrapStage?: (video: ReactNode) => ReactNode;
  sideSections?: readonly SideSection[];
  below?: ReactNode;
}) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const presence = usePresence();
  const { state, send, muteCommand } = useLive();
  const me = detail.me.membershipId;
  // A co-supervisor leads the room too (door, hands, spotlight, muting); ending is the supervisor's.
  const isSupervisor = can(detail.me.role, "session.admit");
  const canEnd = can(detail.me.role, "session.end");
  const sessionId = detail.session.id;
  const names = useMemo(
    () => new Map(presence.participants.map((p) => [p.membershipId, p.displayName])),
    [presence.participants],
  );
  // Those who lead the session, the supervisor first: kept on the video grid's first page.
  const leaders = useMemo(
    () =>
      (["supervisor", "cosupervisor"] as const).flatMap((role) =>
        presence.participants.filter((p) => p.role === role).map((p) => p.membershipId),
      ),
    [presence.participants],
  );
  const spotlight = spotlightMembershipId === undefined ? state.spotlight : spotlightMembershipId;
  const [layout, setLayout] = useState<RoomLayout>(() => savedLayout(sessionId));
  useEffect(() => saveLayout(sessionId, layout), [sessionId, layout]);
  const [ending, setEnding] = useState(false);
  const e2eeSupported = useE2eeSupport();
  const roomKey = useRoomKey({
    me,
    admitted: state.admission === "admitted",
    keys: state.e2eeKeys,
    participants: presence.participants,
  });
  const myPlace = handPlace(state.hands, me);
  const layoutId = useId();

  return (
    <div className="room" data-layout={layout}>
      <div className="room__header">
        <div>
          <Link to={`/groups/${detail.group.id}`} className="eyebrow">
            {detail.group.name}
          </Link>
          <h1>{t("session.title")}</h1>
          <p className="muted small">
            {t("session.when", {
              date: format.dateTime(detail.session.startsAt),
              duration: t("common.minutes", { count: detail.session.durationMinutes }),
            })}
          </p>
        </div>
        <div className="room__header-tools">
          <E2eeIndicator supported={e2eeSupported} status={roomKey.status} />
          {canEnd ? (
            <button type="button" className="button button--danger" onClick={() => setEnding(true)}>
              {t("live.room.endForAll")}
            </button>
          ) : null}
          <button type="button" className="button button--secondary" onClick={onLeave}>
            {t("session.leave")}
          </button>
        </div>
      </div>
      <p
        className={presence.status === "reconnecting" ? "room__reconnecting" : "visually-hidden"}
        role="status"
        data-testid="connection-status"
        data-status={presence.status}
      >
        {presence.status === "reconnecting" ? t("live.room.reconnecting") : ""}
      </p>
      <LiveNoticeBar />
      <div className="room__body">
        <div className="room__main">
          <section className="room__stage" aria-label={t("live.room.stage")}>
            {spotlight ? (
              <p className="spotlight-banner" data-testid="spotlight-banner">
                <span aria-hidden="true">★ </span>
                {t("live.room.spotlightBanner", {
                  name: names.get(spotlight) ?? t("video.unknownParticipant"),
                })}
              </p>
            ) : null}
            {wrapStage(
              <VideoArea
                sessionId={sessionId}
                names={names}
                layout={layout}
                spotlightMembershipId={spotlight}
                leaders={leaders}
                listening={listening}
                choices={choices}
                roomKey={e2eeSupported ? roomKey.roomKey : null}
                e2ee={e2eeSupported}
                muteCommand={muteCommand}
              />,
            )}
            <ReactionsOverlay names={names} />
          </section>
          <div className="room__toolbar" role="group" aria-label={t("live.room.controls")}>
            <button
              type="button"
              className={myPlace ? "button" : "button button--secondary"}
              onClick={() => void send({ type: myPlace ? "live.hand.lower" : "live.hand.raise" })}
            >
              <span aria-hidden="true">✋ </span>
              {myPlace ? t("live.hands.lower") : t("live.hands.raise")}
            </button>
            {myPlace ? (
              <span className="small" data-testid="my-hand-place">
                {t("live.hands.myPlace", { place: myPlace })}
              </span>
            ) : null}
            <ReactionButtons />
            <fieldset className="layout-switch">
              <legend id={layoutId}>{t("live.room.layout")}</legend>
              {(["grid", "speaker"] as const).map((option) => (
                <label key={option}>
                  <input
                    type="radio"
                    name={`layout-${sessionId}`}
                    value={option}
                    checked={layout === option}
                    onChange={() => setLayout(option)}
                  />
                  {option === "grid" ? t("live.room.layoutGrid") : t("live.room.layoutSpeaker")}
                </label>
              ))}
            </fieldset>
          </div>
        </div>
        <aside className="room__side" aria-label={t("live.room.side")}>
          {isSupervisor ? <KnockingPanel /> : null}
          <HandsPanel me={me} isSupervisor={isSupervisor} names={names} />
          <ParticipantsPanel
            presence={presence}
            speakerId={spotlightMembershipId ?? null}
            canRemove={can(detail.me.role, "session.remove")}
            me={me}
            isSupervisor={isSupervisor}
            listening={listening}
            onRemoved={() => void roomKey.rotate()}
          />
          {sideSections.map((section) => (
            <div key={section.id} className="side-section-slot">
              {section.node}
            </div>
          ))}
        </aside>
      </div>
      {below}
      {canEnd ? (
        <ConfirmDialog
          open={ending}
          title={t("live.room.endConfirmTitle")}
          confirmLabel={t("live.room.endConfirm")}
          onCancel={() => setEnding(false)}
          onConfirm={() => {
            setEnding(false);
            void send({ type: "live.end" });
          }}
        >
          <p>{t("live.room.endConfirmText")}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

/** Whether this browser can encrypt media end to end (null while livekit-client loads). */
function useE2eeSupport(): boolean | null {
  const [supported, setSupported] = useState<boolean | null>(null);
  useEffect(() => {
    let cancelled = false;
    import("livekit-client").then(
      (livekit) => {
        if (!cancelled) setSupported(livekit.isE2EESupported());
      },
      () => {
        if (!cancelled) setSupported(false);
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);
  return supported;
}
