import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useLive } from "../live/LiveProvider.tsx";

/** The raised hands in the order they were raised: everyone sees the same queue. */
export function HandsPanel({
  me,
  isSupervisor,
  names,
}: {
  me: string;
  isSupervisor: boolean;
  names: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const { state, send } = useLive();
  const titleId = useId();
  return (
    <section className="side-section" aria-labelledby={titleId}>
      <h2 id={titleId}>{t("live.hands.title")}</h2>
      {state.hands.length === 0 ? (
        <p className="small muted">{t("live.hands.empty")}</p>
      ) : (
        <ol className="hand-queue" data-testid="hand-queue">
          {state.hands.map((hand) => {
            const name = names.get(hand.membershipId) ?? t("video.unknownParticipant");
            const mine = hand.membershipId === me;
            return (
              <li key={hand.membershipId} data-membership-id={hand.membershipId}>
                <span>
                  <span aria-hidden="true">✋ </span>
                  <span className="participant-list__name">{name}</span>
                  {mine ? <span className="muted"> {t("session.you")}</span> : null}
                </span>
                {mine || isSupervisor ? (
                  <button
                    type="button"
                    className="link-button small"
                    aria-label={mine ? t("live.hands.lower") : t("live.hands.lowerFor", { name })}
                    onClick={() =>
                      void send(
                        mine
                          ? { type: "live.hand.lower" }
                          : { type: "live.hand.lower", membershipId: hand.membershipId },
                      )
                    }
                  >
                    {t("live.hands.lower")}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
