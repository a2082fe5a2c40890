import { useTranslation } from "react-i18next";
import type { VideoPhase } from "./videoState.ts";

/**
 * The video connection's state in words, always on screen (compact once connected). When video
 * cannot be had, says so plainly, explains that the rest of the session still works, and offers a
 * retry. The title is one persistent live region, so each change is announced once.
 */
export function VideoStatus({ phase, onRetry }: { phase: VideoPhase; onRetry: () => void }) {
  const { t } = useTranslation();
  const busy = phase === "preparing" || phase === "connecting" || phase === "reconnecting";
  const compact = phase === "connected";
  return (
    <div
      className={compact ? "video-status video-status--compact" : "video-status"}
      data-video-phase={phase}
    >
      {busy ? <div className="spinner" aria-hidden="true" /> : null}
      <p className="video-status__title" role="status">
        {t(`video.state.${phase}`)}
      </p>
      {phase === "unavailable" ? (
        <>
          <p className="video-status__help">{t("video.unavailableHelp")}</p>
          <button type="button" className="button" onClick={onRetry}>
            {t("common.retry")}
          </button>
        </>
      ) : null}
    </div>
  );
}
