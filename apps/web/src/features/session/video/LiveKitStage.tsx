import "@livekit/components-styles";
import {
  GridLayout,
  LiveKitRoom,
  RoomAudioRenderer,
  TrackToggle,
  useConnectionState,
  useTracks,
} from "@livekit/components-react";
import { ConnectionState, Track, type RoomConnectOptions, type RoomOptions } from "livekit-client";
import { useCallback, useEffect, useState, type Dispatch } from "react";
import { useTranslation } from "react-i18next";
import type { LiveKitJoin } from "@piiri/protocol/livekit";
import { NamedTile, NamesContext } from "./NamedTile.tsx";
import type { RoomConnection, VideoAction } from "./videoState.ts";

// Module constants: LiveKitRoom reconnects when these objects change identity between renders.
const ROOM_OPTIONS: RoomOptions = { adaptiveStream: true, dynacast: true };
const CONNECT_OPTIONS: RoomConnectOptions = { autoSubscribe: true, maxRetries: 1 };

function toRoomConnection(state: ConnectionState): RoomConnection {
  switch (state) {
    case ConnectionState.Connecting:
      return "connecting";
    case ConnectionState.Connected:
      return "connected";
    case ConnectionState.Reconnecting:
    case ConnectionState.SignalReconnecting:
      return "reconnecting";
    case ConnectionState.Disconnected:
      return "disconnected";
  }
}

/** Reports LiveKit's connection state upwards, where it becomes words. */
function ConnectionReporter({ report }: { report: (c: RoomConnection) => void }) {
  const state = useConnectionState();
  useEffect(() => report(toRoomConnection(state)), [state, report]);
  return null;
}

function Stage({ onDeviceError }: { onDeviceError: () => void }) {
  const { t } = useTranslation();
  const tracks = useTracks([{ source: Track.Source.Camera, withPlaceholder: true }], {
    onlySubscribed: false,
  });
  return (
    <div className="video-stage">
      <GridLayout tracks={tracks}>
        <NamedTile />
      </GridLayout>
      <div className="video-controls" role="group" aria-label={t("video.controls")}>
        <TrackToggle source={Track.Source.Microphone} onDeviceError={onDeviceError}>
          {t("video.microphone")}
        </TrackToggle>
        <TrackToggle source={Track.Source.Camera} onDeviceError={onDeviceError}>
          {t("video.camera")}
        </TrackToggle>
      </div>
      <RoomAudioRenderer />
    </div>
  );
}

/**
 * The LiveKit room of one session: connects with the token the API minted, shows the cameras
 * once connected, and tells the parent (by attempt) how the connection is doing.
 */
export default function LiveKitStage({
  join,
  attempt,
  dispatch,
  names,
}: {
  join: LiveKitJoin;
  attempt: number;
  dispatch: Dispatch<VideoAction>;
  names: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const [connected, setConnected] = useState(false);
  const [deviceError, setDeviceError] = useState(false);

  const report = useCallback(
    (connection: RoomConnection) => {
      setConnected(connection === "connected");
      dispatch({ type: "room", attempt, connection });
    },
    [attempt, dispatch],
  );
  const onError = useCallback(() => dispatch({ type: "failed", attempt }), [attempt, dispatch]);
  const onDeviceError = useCallback(() => setDeviceError(true), []);

  return (
    <NamesContext.Provider value={names}>
      <LiveKitRoom
        serverUrl={join.url}
        token={join.token}
        connect
        audio={false}
        video={false}
        options={ROOM_OPTIONS}
        connectOptions={CONNECT_OPTIONS}
        onError={onError}
        onMediaDeviceFailure={onDeviceError}
        data-lk-theme="default"
        className="video-room"
      >
        <ConnectionReporter report={report} />
        {deviceError ? (
          <p className="video-status__help" role="alert">
            {t("video.mediaDeviceFailed")}
          </p>
        ) : null}
        {connected ? <Stage onDeviceError={onDeviceError} /> : null}
      </LiveKitRoom>
    </NamesContext.Provider>
  );
}
