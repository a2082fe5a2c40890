import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useEffect, useReducer } from "react";
import { useTranslation } from "react-i18next";
import { getLiveKitJoin } from "../../../lib/api.ts";
import type { DeviceChoices, RoomLayout } from "../devices/deviceChoices.ts";
import type { RoomKey } from "../e2ee/roomKey.ts";
import type { MuteCommand } from "../live/LiveProvider.tsx";
import { initialVideoState, roomIsMounted, videoReducer } from "./videoState.ts";
import { VideoErrorBoundary } from "./VideoErrorBoundary.tsx";
import { VideoStatus } from "./VideoStatus.tsx";

// livekit-client is large; load it only on the session page, after the rest has rendered.
const LiveKitStage = lazy(() => import("./LiveKitStage.tsx"));

const NO_MEDIA: DeviceChoices = {
  audioEnabled: false,
  videoEnabled: false,
  audioDeviceId: "default",
  videoDeviceId: "default",
};

/** How long connecting may take before we say video is unavailable and offer a retry. */
export const VIDEO_CONNECT_TIMEOUT_MS = 10_000;

/**
 * The session's video: fetches a LiveKit token, connects, and says in words how it goes.
 * Video failing never takes the rest of the session page down with it.
 */
export function VideoArea({
  sessionId,
  names,
  layout = "grid",
  spotlightMembershipId = null,
  listening,
  choices = NO_MEDIA,
  roomKey = null,
  e2ee = false,
  muteCommand = null,
}: {
  sessionId: string;
  /** Display names by LiveKit identity (the membership id); LiveKit itself never sees names. */
  names: ReadonlyMap<string, string>;
  layout?: RoomLayout;
  /** Whom every layout focuses on (the supervisor's spotlight, or e.g. a round's speaker). */
  spotlightMembershipId?: string | null;
  /** Members marked "listening" on their tiles. */
  listening?: ReadonlySet<string>;
  /** Devices chosen on the device check page. */
  choices?: DeviceChoices;
  /** The E2EE room key (null until handed out); media waits for it when `e2ee` is on. */
  roomKey?: RoomKey | null;
  /** Encrypt media end to end; null while that is not known yet (the room waits). */
  e2ee?: boolean | null;
  /** The supervisor's latest "turn off your microphone / camera". */
  muteCommand?: MuteCommand | null;
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
      {join.data && e2ee !== null && roomIsMounted(phase) ? (
        <VideoErrorBoundary key={attempt} onError={() => dispatch({ type: "failed", attempt })}>
          <Suspense fallback={null}>
            <LiveKitStage
              join={join.data}
              attempt={attempt}
              dispatch={dispatch}
              names={names}
              layout={layout}
              spotlightMembershipId={spotlightMembershipId}
              listening={listening}
              choices={choices}
              roomKey={roomKey}
              e2ee={e2ee}
              muteCommand={muteCommand}
            />
          </Suspense>
        </VideoErrorBoundary>
      ) : null}
    </section>
  );
}
