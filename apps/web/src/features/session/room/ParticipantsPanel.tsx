import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { PresenceParticipant } from "@piiri/protocol/realtime";
import { RoleBadge } from "../../../components/RoleBadge.tsx";
import { orderParticipants, type PresenceState } from "../presenceState.ts";
import { useLive } from "../live/LiveProvider.tsx";
import { handPlace } from "../live/liveState.ts";
import { ConfirmDialog } from "./ConfirmDialog.tsx";

type Done = { text: string; videoUnreachable: boolean };

/**
 * Who is in the room, with hands and spotlight marked, so the room reads fully without video.
 * The supervisor gets each person's controls here.
 */
export function ParticipantsPanel({
  presence,
  me,
  isSupervisor,
  listening,
  speakerId = null,
  canRemove = isSupervisor,
  onRemoved,
}: {
  presence: PresenceState;
  me: string;
  isSupervisor: boolean;
  listening?: ReadonlySet<string>;
  /** Who speaks now in a timed round (rounds feature), marked in the list. */
  speakerId?: string | null;
  /** Removing people is the supervisor's alone (a co-supervisor gets the other controls). */
  canRemove?: boolean;
  onRemoved: (membershipId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const { state, send } = useLive();
  const titleId = useId();
  const participants = orderParticipants(presence.participants, i18n.language);
  const [removing, setRemoving] = useState<PresenceParticipant | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  // One actions menu open at a time; it closes after an action.
  const [menu, setMenu] = useState<string | null>(null);

  async function control(
    participant: PresenceParticipant,
    action: "mute" | "stopCamera" | "remove",
  ) {
    setMenu(null);
    const ack = await send(
      action === "remove"
        ? { type: "live.remove", membershipId: participant.membershipId }
        : {
            type: "live.mute",
            membershipId: participant.membershipId,
            source: action === "mute" ? "microphone" : "camera",
          },
    );
    if (!ack) return;
    if (action === "remove") onRemoved(participant.membershipId);
    setDone({
      text: t(`live.participants.done.${action}`, { name: participant.displayName }),
      videoUnreachable: ack.video === "unreachable",
    });
  }

  return (
    <section className="side-section" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {t("session.participantsTitle")} ({participants.length})
      </h2>
      <p className="small muted" role="status">
        {done ? done.text : ""}
        {done?.videoUnreachable ? ` ${t("live.participants.videoUnreachable")}` : ""}
      </p>
      <ul className="participant-list live-participants" data-testid="participant-list">
        {participants.map((p) => {
          const place = handPlace(state.hands, p.membershipId);
          const spotlighted = state.spotlight === p.membershipId;
          const mine = p.membershipId === me;
          return (
            <li key={p.membershipId} data-membership-id={p.membershipId}>
              <div className="live-participants__who">
                <span>
                  <span className="participant-list__name">{p.displayName}</span>
                  {mine ? <span className="muted"> {t("session.you")}</span> : null}
                </span>
                <span className="live-participants__marks">
                  <RoleBadge role={p.role} />
                  {place ? (
                    <span className="mark mark--hand" data-testid="hand-mark">
                      <span aria-hidden="true">✋ </span>
                      {t("live.participants.hand", { place })}
                    </span>
                  ) : null}
                  {spotlighted ? (
                    <span className="mark mark--spotlight" data-testid="spotlight-mark">
                      <span aria-hidden="true">★ </span>
                      {t("live.participants.spotlighted")}
                    </span>
                  ) : null}
                  {p.membershipId === speakerId ? (
                    <span className="mark mark--spotlight" data-testid="speaking-tag">
                      {t("rounds.spotlight.speaking")}
                    </span>
                  ) : null}
                  {listening?.has(p.membershipId) ? (
                    <span className="mark" data-testid="listening-tag">
                      {t("live.room.listening")}
                    </span>
                  ) : null}
                </span>
              </div>
              {isSupervisor ? (
                <details
                  className="participant-actions"
                  open={menu === p.membershipId}
                  onToggle={(event) => {
                    const open = event.currentTarget.open;
                    setMenu((current) =>
                      open ? p.membershipId : current === p.membershipId ? null : current,
                    );
                  }}
                  onKeyDown={(event) => {
                    if (event.key === "Escape") setMenu(null);
                  }}
                >
                  <summary aria-label={t("live.participants.actions", { name: p.displayName })}>
                    <span aria-hidden="true">⋯</span>
                  </summary>
                  <div className="participant-actions__menu">
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        setMenu(null);
                        void send({
                          type: "live.spotlight",
                          membershipId: spotlighted ? null : p.membershipId,
                        });
                      }}
                    >
                      {spotlighted
                        ? t("live.participants.unspotlight")
                        : t("live.participants.spotlight")}
                    </button>
                    {mine ? null : (
                      <>
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => void control(p, "mute")}
                        >
                          {t("live.participants.mute")}
                        </button>
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => void control(p, "stopCamera")}
                        >
                          {t("live.participants.stopCamera")}
                        </button>
                        {canRemove ? (
                          <button
                            type="button"
                            className="link-button link-button--danger"
                            onClick={() => {
                              setMenu(null);
                              setRemoving(p);
                            }}
                          >
                            {t("live.participants.remove")}
                          </button>
                        ) : null}
                      </>
                    )}
                  </div>
                </details>
              ) : null}
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={removing !== null}
        title={t("live.participants.removeConfirmTitle", { name: removing?.displayName ?? "" })}
        confirmLabel={t("live.participants.removeConfirm")}
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          const target = removing;
          setRemoving(null);
          if (target) void control(target, "remove");
        }}
      >
        <p>{t("live.participants.removeConfirmText", { name: removing?.displayName ?? "" })}</p>
      </ConfirmDialog>
    </section>
  );
}
