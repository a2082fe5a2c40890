import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { ApiError } from "../../lib/apiError.ts";
import { RoleBadge } from "../../components/RoleBadge.tsx";
import { orderParticipants, type PresenceState } from "./presenceState.ts";

/** Who is in the session right now, live from the server's presence snapshots. */
export function ParticipantList({
  presence,
  myMembershipId,
  speakerId = null,
  listeningIds = [],
}: {
  presence: PresenceState;
  myMembershipId: string;
  /** Who speaks now in a round: highlighted (rounds feature). */
  speakerId?: string | null;
  /** Presenters who only listen in this phase: marked (rounds feature). */
  listeningIds?: readonly string[];
}) {
  const { t, i18n } = useTranslation();
  const participants = orderParticipants(presence.participants, i18n.language);
  const statusText =
    presence.status === "refused" ? null : t(`session.presence.${presence.status}`);
  const dot =
    presence.status === "joined"
      ? "presence-dot--ok"
      : presence.status === "refused"
        ? ""
        : "presence-dot--warn";

  return (
    <section className="card" aria-labelledby="participants-title">
      <h2 id="participants-title">
        {t("session.participantsTitle")}
        {presence.status === "joined" ? ` (${participants.length})` : null}
      </h2>
      {presence.status === "refused" && presence.refusal ? (
        <ErrorAlert error={new ApiError(403, presence.refusal)} title={t("session.refusedTitle")} />
      ) : (
        <p className="small muted" role="status">
          <span className={`presence-dot ${dot}`} aria-hidden="true" />
          {statusText}
        </p>
      )}
      {presence.status !== "refused" && participants.length === 0 ? (
        <p className="muted">{t("session.nobodyYet")}</p>
      ) : null}
      <ul className="participant-list" data-testid="participant-list">
        {participants.map((p) => (
          <li
            key={p.membershipId}
            data-membership-id={p.membershipId}
            className={p.membershipId === speakerId ? "participant-list__speaker" : undefined}
            aria-current={p.membershipId === speakerId ? "true" : undefined}
          >
            <span>
              <span className="participant-list__name">{p.displayName}</span>
              {p.membershipId === myMembershipId ? (
                <span className="muted"> {t("session.you")}</span>
              ) : null}
              {p.membershipId === speakerId ? (
                <span className="participant-list__tag" data-testid="speaking-tag">
                  {t("rounds.spotlight.speaking")}
                </span>
              ) : null}
              {listeningIds.includes(p.membershipId) ? (
                <span
                  className="participant-list__tag participant-list__tag--listening"
                  data-testid="listening-tag"
                >
                  {t("rounds.spotlight.listening")}
                </span>
              ) : null}
            </span>
            <RoleBadge role={p.role} />
          </li>
        ))}
      </ul>
    </section>
  );
}
