import { lazy, Suspense, useCallback, useEffect, useReducer, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { LiveMediaSource } from "@piiri/protocol/live";
import type { LiveKitJoin } from "@piiri/protocol/livekit";
import { getLiveKitJoin, releaseMediaHold } from "../../../lib/api.ts";
import { isApiError } from "../../../lib/apiError.ts";
import type { DeviceChoices, RoomLayout } from "../devices/deviceChoices.ts";
import type { RoomKey } from "../e2ee/roomKey.ts";
import type { MuteCommand } from "../live/LiveProvider.tsx";
import { initialMediaIntent, mediaIntentReducer, publishOnConnect } from "./mediaIntent.ts";
import {
  attemptMayHang,
  initialVideoState,
  roomIsMounted,
  tokenRefusal,
  videoPhase,
  videoReducer,
  videoRetry,
} from "./videoState.ts";
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
const NO_LEADERS: readonly string[] = [];

/** How long one attempt may take to connect before it counts as failed (and is retried). */
export const VIDEO_CONNECT_TIMEOUT_MS = 10_000;

/** The clock and dice of a failure, for the retry backoff. */
function failureClock() {
  return { now: Date.now(), jitter: Math.random() };
}

/**
 * The session's video: fetches a LiveKit token, connects, and says in words how it goes. While
 * the page is open it keeps video coming back by itself after any loss (see videoState.ts), and
 * never turns on a microphone or camera the supervisor turned off (see mediaIntent.ts). Video
 * failing never takes the rest of the session page down with it.
 */
export function VideoArea({
  sessionId,
  names,
  layout = "grid",
  spotlightMembershipId = null,
  leaders = NO_LEADERS,
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
  /** The session's supervisors (supervisor first): always on the grid's first page. */
  leaders?: readonly string[];
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
  const [intent, dispatchIntent] = useReducer(mediaIntentReducer, choices, initialMediaIntent);
  const [join, setJoin] = useState<{ attempt: number; join: LiveKitJoin } | null>(null);
  const { attempt, step } = state;
  // Where the local changes stood when a token request left (declared before the request's
  // effect, so it is up to date when that runs).
  const intentSeq = useRef(intent.seq);
  useEffect(() => {
    intentSeq.current = intent.seq;
  }, [intent.seq]);

  // The supervisor's mute holds from now on, in this room and in every later one.
  const appliedCommand = useRef<number | null>(null);
  useEffect(() => {
    if (!muteCommand || muteCommand.id === appliedCommand.current) return;
    appliedCommand.current = muteCommand.id;
    dispatchIntent({ type: "heldBySupervisor", source: muteCommand.source });
  }, [muteCommand]);

  // Each attempt starts with a fresh token: the API gives one only to admitted members, and its
  // answer says what the supervisor holds off.
  useEffect(() => {
    if (step !== "token") return;
    let current = true;
    const askedAt = intentSeq.current;
    getLiveKitJoin(sessionId).then(
      (answer) => {
        if (!current) return;
        dispatchIntent({ type: "fromServer", held: answer.held, askedAt });
        setJoin({ attempt, join: answer });
        dispatch({ type: "tokenReady", attempt });
      },
      (error: unknown) => {
        if (!current) return;
        const stop = isApiError(error) ? tokenRefusal(error) : null;
        dispatch({ type: "tokenFailed", attempt, stop, ...failureClock() });
      },
    );
    return () => {
      current = false;
    };
  }, [step, attempt, sessionId]);

  // The planned retry.
  useEffect(() => {
    if (state.step !== "waiting" || state.retryAt === null) return;
    const timer = setTimeout(
      () => dispatch({ type: "due", attempt }),
      Math.max(0, state.retryAt - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [state.step, state.retryAt, attempt]);

  // An attempt that hangs counts as failed.
  const mayHang = attemptMayHang(state);
  useEffect(() => {
    if (!mayHang) return;
    const timer = setTimeout(
      () => dispatch({ type: "failed", attempt, ...failureClock() }),
      VIDEO_CONNECT_TIMEOUT_MS,
    );
    return () => clearTimeout(timer);
  }, [mayHang, attempt]);

  // Back online: no need to wait for the planned time.
  useEffect(() => {
    const online = () => dispatch({ type: "online" });
    window.addEventListener("online", online);
    return () => window.removeEventListener("online", online);
  }, []);

  const onToggle = useCallback(
    (source: LiveMediaSource, enabled: boolean) => {
      dispatchIntent({ type: "toggled", source, enabled });
      // Turning it on oneself lifts a supervisor's hold. Always said (it is idempotent): this
      // page may have missed a mute while its socket was away.
      if (enabled) {
        releaseMediaHold(sessionId, source).catch((error: unknown) =>
          console.warn("Could not lift the hold on", source, error),
        );
      }
    },
    [sessionId],
  );

  const phase = videoPhase(state);
  const joined = join?.attempt === attempt ? join.join : null;
  return (
    <section className="video-area" aria-labelledby="video-title">
      <h2 id="video-title">{t("video.title")}</h2>
      <VideoStatus
        phase={phase}
        retry={videoRetry(state)}
        stop={state.stop}
        onRetry={() => dispatch({ type: "retry" })}
      />
      {joined && e2ee !== null && roomIsMounted(state) ? (
        <VideoErrorBoundary
          key={attempt}
          onError={() => dispatch({ type: "failed", attempt, ...failureClock() })}
        >
          <Suspense fallback={null}>
            <LiveKitStage
              join={joined}
              attempt={attempt}
              dispatch={dispatch}
              names={names}
              layout={layout}
              spotlightMembershipId={spotlightMembershipId}
              leaders={leaders}
              listening={listening}
              choices={choices}
              publish={publishOnConnect(intent)}
              roomKey={roomKey}
              e2ee={e2ee}
              muteCommand={muteCommand}
              onToggle={onToggle}
            />
          </Suspense>
        </VideoErrorBoundary>
      ) : null}
    </section>
  );
}
