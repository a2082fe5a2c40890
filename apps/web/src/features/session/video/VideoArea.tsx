import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useEffect, useReducer } from "react";
import { useTranslation } from "react-i18next";
import { getLiveKitJoin } from "../../../lib/api.ts";
import { initialVideoState, roomIsMounted, videoReducer } from "./videoState.ts";
import { VideoErrorBoundary } from "./VideoErrorBoundary.tsx";
import { VideoStatus } from "./VideoStatus.tsx";

// livekit-client is large; load it only on the session page, after the rest has rendered.
const LiveKitStage = lazy(() => import("./LiveKitStage.tsx"));

/** How long connecting may take before we say video is unavailable and offer a retry. */
export const VIDEO_CONNECT_TIMEOUT_MS = 10_000;

/**
 * The session's video: fetches a LiveKit token, connects, and says in words how it goes.
 * Video failing never takes the rest of the session page down with it.
 */
export function VideoArea({
  sessionId,
  names,
}: {
  sessionId: string;
  /** Display names by LiveKit identity (the membership id); LiveKit itself never sees names. */
  names: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const [state, dispatch] = useReducer(videoReducer, initialVideoState);
  const { attempt, phase } = state;

  const join = useQuery({
    queryKey: ["livekit-join", sessionId, attempt],
    queryFn: () => getLiveKitJoin(sessionId),
    retry: false,
    staleTime: Infinity,
    gcTime: 0,
  });

  useEffect(() => {
    if (join.isSuccess) dispatch({ type: "tokenReady", attempt });
    if (join.isError) dispatch({ type: "failed", attempt });
  }, [join.isSuccess, join.isError, attempt]);

  const waiting = phase === "preparing" || phase === "connecting";
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => dispatch({ type: "failed", attempt }), VIDEO_CONNECT_TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [waiting, attempt]);

  return (
    <section className="video-area" aria-labelledby="video-title">
      <h2 id="video-title">{t("video.title")}</h2>
      <VideoStatus phase={phase} onRetry={() => dispatch({ type: "retry" })} />
      {join.data && roomIsMounted(phase) ? (
        <VideoErrorBoundary key={attempt} onError={() => dispatch({ type: "failed", attempt })}>
          <Suspense fallback={null}>
            <LiveKitStage join={join.data} attempt={attempt} dispatch={dispatch} names={names} />
          </Suspense>
        </VideoErrorBoundary>
      ) : null}
    </section>
  );
}
