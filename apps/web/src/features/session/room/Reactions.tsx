import { LiveReactionEmoji } from "@piiri/protocol/live";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useLive } from "../live/LiveProvider.tsx";

/** The reaction buttons (a fixed set). */
export function ReactionButtons() {
  const { t } = useTranslation();
  const { send } = useLive();
  const labelId = useId();
  return (
    <div className="reaction-buttons" role="group" aria-labelledby={labelId}>
      <span id={labelId} className="visually-hidden">
        {t("live.reactions.title")}
      </span>
      {LiveReactionEmoji.options.map((emoji) => (
        <button
          key={emoji}
          type="button"
          className="reaction-button"
          aria-label={t("live.reactions.send", { emoji })}
          onClick={() => void send({ type: "live.reaction", emoji })}
        >
          {emoji}
        </button>
      ))}
    </div>
  );
}

/** Reactions float over the stage for a few seconds, each with the sender's name. */
export function ReactionsOverlay({ names }: { names: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const { reactions } = useLive();
  return (
    <ul className="reactions-overlay" aria-live="polite" data-testid="reactions">
      {reactions.map((reaction) => (
        <li key={reaction.id}>
          {t("live.reactions.from", {
            name: names.get(reaction.membershipId) ?? t("video.unknownParticipant"),
            emoji: reaction.emoji,
          })}
        </li>
      ))}
    </ul>
  );
}
