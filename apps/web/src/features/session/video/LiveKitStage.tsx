import "@livekit/components-styles";
import {
  CarouselLayout,
  FocusLayoutContainer,
  LiveKitRoom,
  RoomAudioRenderer,
  TrackRefContext,
  TrackToggle,
  useConnectionState,
  useRoomContext,
  useSpeakingParticipants,
  useTracks,
  type TrackReferenceOrPlaceholder,
} from "@livekit/components-react";
import {
  ConnectionState,
  Room,
  Track,
  type AudioCaptureOptions,
  type DisconnectReason,
  type RoomConnectOptions,
  type VideoCaptureOptions,
} from "livekit-client";
import E2EEWorker from "livekit-client/e2ee-worker?worker";
import { useCallback, useEffect, useMemo, useRef, useState, type Dispatch } from "react";
import { useTranslation } from "react-i18next";
import type { LiveMediaSource } from "@piiri/protocol/live";
import type { LiveKitJoin } from "@piiri/protocol/livekit";
import type { DeviceChoices, RoomLayout } from "../devices/deviceChoices.ts";
import type { RoomKey } from "../e2ee/roomKey.ts";
import type { MuteCommand } from "../live/LiveProvider.tsx";
import { RoomKeyProvider } from "./e2eeKeys.ts";
import { NamedTile, NamesContext, TileMarksContext } from "./NamedTile.tsx";
import { isDeviceFailure, roomEndOf } from "./roomEnd.ts";
import { VideoGrid } from "./VideoGrid.tsx";
import type { RoomConnection, VideoAction } from "./videoState.ts";

// Module constant: LiveKitRoom reconnects when this object changes identity between renders.
// Inside one room LiveKit resumes or rejoins by itself (its default ReconnectPolicy, ~45 s);
// when it gives up, VideoArea's loop starts a new room with a fresh token.
const CONNECT_OPTIONS: RoomConnectOptions = { autoSubscribe: true, maxRetries: 1 };

/** The clock and dice of a failure, for the retry backoff (VideoArea's reducer is pure). */
function failureClock() {
  return { now: Date.now(), jitter: Math.random() };
}

function toRoomConnection(state: ConnectionState): RoomConnection | null {
  switch (state) {
    case ConnectionState.Connecting:
      return "connecting";
    case ConnectionState.Connected:
      return "connected";
    case ConnectionState.Reconnecting:
    case ConnectionState.SignalReconnecting:
      return "reconnecting";
    case ConnectionState.Disconnected:
      // Before the first connect, and after the end (reported with its reason instead).
      return null;
  }
}

/** Reports LiveKit's connection state upwards, where it becomes words. */
function ConnectionReporter({ report }: { report: (c: RoomConnection) => void }) {
  const state = useConnectionState();
  useEffect(() => {
    const connection = toRoomConnection(state);
    if (connection) report(connection);
  }, [state, report]);
  return null;
}

/** The supervisor turned my microphone or camera off: obey (LiveKit has muted it server-side). */
function MuteCommands({ command }: { command: MuteCommand | null }) {
  const room = useRoomContext();
  // A command from before this room existed is not replayed (e.g. after a video retry).
  const stale = useRef(command?.id);
  useEffect(() => {
    if (!command || command.id === stale.current) return;
    const local = room.localParticipant;
    void (command.source === "microphone"
      ? local.setMicrophoneEnabled(false)
      : local.setCameraEnabled(false));
  }, [command, room]);
  return null;
}

function identityOf(track: TrackReferenceOrPlaceholder): string {
  return track.participant.identity;
}

/**
 * The tiles and the media buttons of a connected room (exported for the test-only stage harness,
 * src/testing/harness, which renders it with simulated participants).
 */
export function Stage({
  layout,
  spotlightMembershipId,
  leaders,
  onDeviceError,
  onToggle,
}: {
  layout: RoomLayout;
  spotlightMembershipId: string | null;
  leaders: readonly string[];
  onDeviceError: () => void;
  onToggle: (source: LiveMediaSource, enabled: boolean) => void;
}) {
  const { t } = useTranslation();
  const tracks = useTracks(
    [
      { source: Track.Source.Camera, withPlaceholder: true },
      { source: Track.Source.ScreenShare, withPlaceholder: false },
    ],
    { onlySubscribed: false },
  );
  const speakers = useSpeakingParticipants();
  // Spotlight (for everyone) wins; then a screen share; then who speaks; then the first tile.
  const focus = useMemo(() => {
    if (spotlightMembershipId) {
      const spotlighted = tracks.filter((tr) => identityOf(tr) === spotlightMembershipId);
      const share = spotlighted.find((tr) => tr.source === Track.Source.ScreenShare);
      const camera = spotlighted.find((tr) => tr.source === Track.Source.Camera);
      if (share ?? camera) return share ?? camera;
    }
    const share = tracks.find((tr) => tr.source === Track.Source.ScreenShare);
    if (share) return share;
    if (layout === "grid") return undefined;
    const speaker = speakers.find((p) => !p.isLocal) ?? speakers[0];
    return (
      tracks.find(
        (tr) => tr.source === Track.Source.Camera && speaker && identityOf(tr) === speaker.identity,
      ) ??
      tracks.find((tr) => !tr.participant.isLocal) ??
      tracks[0]
    );
  }, [tracks, speakers, spotlightMembershipId, layout]);
  const others = focus ? tracks.filter((tr) => tr !== focus) : tracks;
  const pinned = useMemo(
    () => (spotlightMembershipId ? [spotlightMembershipId, ...leaders] : leaders),
    [spotlightMembershipId, leaders],
  );
  // Only the person's own clicks count as their choice (a supervisor's mute also flips these).
  const onMicrophone = useCallback(
    (enabled: boolean, byPerson: boolean) => byPerson && onToggle("microphone", enabled),
    [onToggle],
  );
  const onCamera = useCallback(
    (enabled: boolean, byPerson: boolean) => byPerson && onToggle("camera", enabled),
    [onToggle],
  );

  return (
    <div className="video-stage">
      {focus ? (
        <FocusLayoutContainer className="video-focus">
          <CarouselLayout tracks={others}>
            <NamedTile />
          </CarouselLayout>
          <TrackRefContext.Provider value={focus}>
            <NamedTile />
          </TrackRefContext.Provider>
        </FocusLayoutContainer>
      ) : (
        <VideoGrid tracks={tracks} pinned={pinned}>
          <NamedTile />
        </VideoGrid>
      )}
      <div className="video-controls" role="group" aria-label={t("video.controls")}>
        <TrackToggle
          source={Track.Source.Microphone}
          onDeviceError={onDeviceError}
          onChange={onMicrophone}
        >
          {t("video.microphone")}
        </TrackToggle>
        <TrackToggle source={Track.Source.Camera} onDeviceError={onDeviceError} onChange={onCamera}>
          {t("video.camera")}
        </TrackToggle>
        <TrackToggle source={Track.Source.ScreenShare} onDeviceError={onDeviceError}>
          {t("live.video.screenShare")}
        </TrackToggle>
      </div>
      <RoomAudioRenderer />
    </div>
  );
}

/**
 * The LiveKit room of one attempt: connects with the token the API minted, publishes the
 * microphone and camera as `publish` says (the person's wish minus the supervisor's holds),
 * encrypts media end to end with Piiri's room key when the browser can, and tells the parent
 * (by attempt) how the connection is doing and why it ended.
 */
export default function LiveKitStage({
  join,
  attempt,
  dispatch,
  names,
  layout,
  spotlightMembershipId,
  leaders,
  listening,
  choices,
  publish,
  roomKey,
  e2ee,
  muteCommand,
  onToggle,
}: {
  join: LiveKitJoin;
  attempt: number;
  dispatch: Dispatch<VideoAction>;
  names: ReadonlyMap<string, string>;
  layout: RoomLayout;
  spotlightMembershipId: string | null;
  /** Supervisors first: kept on the grid's first page. */
  leaders: readonly string[];
  listening: ReadonlySet<string> | undefined;
  /** The devices chosen on the device check page. */
  choices: DeviceChoices;
  /** What to publish when the room connects. */
  publish: Record<LiveMediaSource, boolean>;
  roomKey: RoomKey | null;
  e2ee: boolean;
  muteCommand: MuteCommand | null;
  /** The person turned their microphone or camera on or off themselves. */
  onToggle: (source: LiveMediaSource, enabled: boolean) => void;
}) {
  const { t } = useTranslation();
  const [connected, setConnected] = useState(false);
  const [deviceError, setDeviceError] = useState(false);
  // One Room per attempt (this component is keyed by attempt), E2EE set up before connecting.
  const [{ room, keyProvider, worker }] = useState(() => {
    const provider = e2ee ? new RoomKeyProvider() : null;
    const e2eeWorker = e2ee ? new E2EEWorker() : null;
    return {
      keyProvider: provider,
      worker: e2eeWorker,
      room: new Room({
        adaptiveStream: true,
        dynacast: true,
        ...(provider && e2eeWorker
          ? { encryption: { keyProvider: provider, worker: e2eeWorker } }
          : {}),
      }),
    };
  });

  useEffect(() => {
    if (keyProvider) {
      room.setE2EEEnabled(true).catch((error: unknown) => console.error("E2EE failed", error));
    }
    return () => worker?.terminate();
  }, [room, keyProvider, worker]);
  useEffect(() => {
    if (keyProvider && roomKey) void keyProvider.setRoomKey(roomKey);
  }, [keyProvider, roomKey]);

  const report = useCallback(
    (connection: RoomConnection) => {
      // Once up, the tiles stay while LiveKit resumes (the status above says so).
      if (connection === "connected") setConnected(true);
      dispatch({ type: "room", attempt, connection });
    },
    [attempt, dispatch],
  );
  const onError = useCallback(
    (error: Error) => {
      // Publishing a microphone or camera failed, not the connection: say so, keep the room.
      if (room.state === ConnectionState.Connected || isDeviceFailure(error)) setDeviceError(true);
      else dispatch({ type: "failed", attempt, ...failureClock() });
    },
    [attempt, dispatch, room],
  );
  const onDisconnected = useCallback(
    (reason?: DisconnectReason) => {
      setConnected(false);
      dispatch({ type: "roomEnded", attempt, end: roomEndOf(reason), ...failureClock() });
    },
    [attempt, dispatch],
  );
  const onDeviceError = useCallback(() => setDeviceError(true), []);
  // Read by LiveKit when the room connects (LiveKitRoom publishes these on SignalConnected).
  const audio = useMemo<AudioCaptureOptions | false>(
    () => (publish.microphone ? { deviceId: choices.audioDeviceId } : false),
    [publish.microphone, choices.audioDeviceId],
  );
  const video = useMemo<VideoCaptureOptions | false>(
    () => (publish.camera ? { deviceId: choices.videoDeviceId } : false),
    [publish.camera, choices.videoDeviceId],
  );
  const marks = useMemo(
    () => ({ spotlight: spotlightMembershipId, listening: listening ?? new Set<string>() }),
    [spotlightMembershipId, listening],
  );

  return (
    <NamesContext.Provider value={names}>
      <TileMarksContext.Provider value={marks}>
        <LiveKitRoom
          room={room}
          serverUrl={join.url}
          token={join.token}
          connect
          audio={audio}
          video={video}
          connectOptions={CONNECT_OPTIONS}
          onError={onError}
          onDisconnected={onDisconnected}
          onMediaDeviceFailure={onDeviceError}
          data-lk-theme="default"
          className="video-room"
        >
          <ConnectionReporter report={report} />
          <MuteCommands command={muteCommand} />
          {deviceError ? (
            <p className="video-status__help" role="alert">
              {t("video.mediaDeviceFailed")}
            </p>
          ) : null}
          {connected ? (
            <Stage
              layout={layout}
              spotlightMembershipId={spotlightMembershipId}
              leaders={leaders}
              onDeviceError={onDeviceError}
              onToggle={onToggle}
            />
          ) : null}
        </LiveKitRoom>
      </TileMarksContext.Provider>
    </NamesContext.Provider>
  );
}
