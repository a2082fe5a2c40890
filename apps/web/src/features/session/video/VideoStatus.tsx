import { useTranslation } from "react-i18next";
import type { VideoPhase, VideoStop } from "./videoState.ts";

/**
 * The video connection's state in words, always on screen (compact once connected). When video
 * is lost or cannot be had, says so calmly, says that the rest of the session still works and
 * that the page keeps trying by itself, and offers a retry now. The title is one persistent live
 * region, so each change is announced once; the retry line beneath it is not announced, so
 * automatic attempts do not chatter.
 */
export function VideoStatus({
  phase,
  retry,
  stop,
  onRetry,
}: {
  phase: VideoPhase;
  retry: "planned" | "trying" | null;
  stop: VideoStop | null;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  const lost = phase === "unavailable" || phase === "reconnecting";
  const busy =
    phase === "preparing" ||
    phase === "connecting" ||
    retry === "trying" ||
    (phase === "reconnecting" && retry !== "planned");
  const compact = phase === "connected";
  return (
    <div
      className={compact ? "video-status video-status--compact" : "video-status"}
      data-video-phase={phase}
      data-video-retry={retry ?? undefined}
      data-video-stop={stop ?? undefined}
    >
      {busy ? <div className="spinner" aria-hidden="true" /> : null}
      <p className="video-status__title" role="status">
        {t(`video.state.${phase}`)}
      </p>
      {lost ? (
        <>
          <p className="video-status__help">
            {stop
              ? t(`video.stopped.${stop}`)
              : phase === "reconnecting"
                ? t("video.reconnectingHelp")
                : t("video.unavailableHelp")}
          </p>
          {retry ? (
            <p className="video-status__help" data-testid="video-retry">
              {t(`video.retry.${retry}`)}
            </p>
          ) : null}
          <button type="button" className="button" onClick={onRetry}>
            {stop === "elsewhere" ? t("video.useHere") : t("common.retry")}
          </button>
        </>
      ) : null}
    </div>
  );
}
