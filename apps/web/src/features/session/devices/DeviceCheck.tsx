import {
  useMediaDeviceSelect,
  usePersistentUserChoices,
  usePreviewTracks,
} from "@livekit/components-react";
import {
  createAudioAnalyser,
  isE2EESupported,
  Track,
  type LocalAudioTrack,
  type LocalVideoTrack,
} from "livekit-client";
import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { DeviceChoices } from "./deviceChoices.ts";

/**
 * The device check before joining: camera preview, microphone level, device selection, and
 * whether to join with the camera or microphone on. LiveKit's hooks do the media work; the
 * choices are remembered on this device (LiveKit's `usePersistentUserChoices`, localStorage).
 */
export default function DeviceCheck({
  groupName,
  isSupervisor,
  onJoin,
}: {
  groupName: string;
  isSupervisor: boolean;
  onJoin: (choices: DeviceChoices) => void;
}) {
  const { t } = useTranslation();
  const {
    userChoices,
    saveAudioInputEnabled,
    saveVideoInputEnabled,
    saveAudioInputDeviceId,
    saveVideoInputDeviceId,
  } = usePersistentUserChoices({ defaults: { audioEnabled: true, videoEnabled: true } });
  const [videoEnabled, setVideoEnabled] = useState(userChoices.videoEnabled);
  const [audioEnabled, setAudioEnabled] = useState(userChoices.audioEnabled);
  // The devices the tracks were first made with; later switches go through setDeviceId.
  const [initialDevices] = useState(() => ({
    audio: userChoices.audioDeviceId,
    video: userChoices.videoDeviceId,
  }));
  const [mediaError, setMediaError] = useState(false);
  const onError = useCallback(() => setMediaError(true), []);

  const tracks = usePreviewTracks(
    {
      audio: audioEnabled ? { deviceId: initialDevices.audio } : false,
      video: videoEnabled ? { deviceId: initialDevices.video } : false,
    },
    onError,
  );
  const videoTrack = useMemo(
    () => tracks?.find((track): track is LocalVideoTrack => track.kind === Track.Kind.Video),
    [tracks],
  );
  const audioTrack = useMemo(
    () => tracks?.find((track): track is LocalAudioTrack => track.kind === Track.Kind.Audio),
    [tracks],
  );

  useEffect(() => saveVideoInputEnabled(videoEnabled), [videoEnabled, saveVideoInputEnabled]);
  useEffect(() => saveAudioInputEnabled(audioEnabled), [audioEnabled, saveAudioInputEnabled]);

  const encrypted = useMemo(() => isE2EESupported(), []);

  function submit(event: FormEvent) {
    event.preventDefault();
    onJoin({
      audioEnabled,
      videoEnabled,
      audioDeviceId: userChoices.audioDeviceId,
      videoDeviceId: userChoices.videoDeviceId,
    });
  }

  return (
    <div className="device-check">
      <p className="eyebrow">{groupName}</p>
      <h1>{t("live.devices.title")}</h1>
      <p className="muted">{t("live.devices.intro")}</p>
      <form className="device-check__grid" onSubmit={submit}>
        <Preview track={videoEnabled ? videoTrack : undefined} />
        <div className="device-check__settings card">
          <DeviceField
            kind="videoinput"
            label={t("live.devices.camera")}
            toggleLabel={t("live.devices.cameraOn")}
            enabled={videoEnabled}
            onEnabled={setVideoEnabled}
            track={videoTrack}
            onDevice={saveVideoInputDeviceId}
          />
          <DeviceField
            kind="audioinput"
            label={t("live.devices.microphone")}
            toggleLabel={t("live.devices.microphoneOn")}
            enabled={audioEnabled}
            onEnabled={setAudioEnabled}
            track={audioTrack}
            onDevice={saveAudioInputDeviceId}
          />
          <MicLevel track={audioEnabled ? audioTrack : undefined} />
          {mediaError ? (
            <p className="alert alert--warning" role="alert">
              {t("live.devices.mediaError")}
            </p>
          ) : null}
          <p className={encrypted ? "e2ee-note e2ee-note--on" : "e2ee-note"}>
            <span aria-hidden="true">{encrypted ? "🔒 " : "⚠ "}</span>
            {encrypted ? t("live.e2ee.willEncrypt") : t("live.e2ee.unsupported")}
          </p>
          <p className="small muted">{t("live.devices.remembered")}</p>
          <button type="submit" className="button device-check__join">
            {isSupervisor ? t("live.devices.joinSupervisor") : t("live.devices.join")}
          </button>
        </div>
      </form>
    </div>
  );
}

function Preview({ track }: { track: LocalVideoTrack | undefined }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element || !track) return;
    track.attach(element);
    return () => {
      track.detach(element);
    };
  }, [track]);
  return (
    <div className="device-check__preview" data-testid="device-preview">
      {track ? (
        <video
          ref={ref}
          muted
          playsInline
          aria-label={t("live.devices.previewLabel")}
          data-testid="device-preview-video"
        />
      ) : (
        <p className="device-check__preview-off">{t("live.devices.cameraOff")}</p>
      )}
    </div>
  );
}

function DeviceField({
  kind,
  label,
  toggleLabel,
  enabled,
  onEnabled,
  track,
  onDevice,
}: {
  kind: "audioinput" | "videoinput";
  label: string;
  toggleLabel: string;
  enabled: boolean;
  onEnabled: (enabled: boolean) => void;
  track: LocalAudioTrack | LocalVideoTrack | undefined;
  onDevice: (deviceId: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const { devices, activeDeviceId, setActiveMediaDevice } = useMediaDeviceSelect({
    kind,
    track,
    requestPermissions: Boolean(track),
  });
  return (
    <fieldset className="device-field">
      <legend>{label}</legend>
      <label className="switch">
        <input type="checkbox" checked={enabled} onChange={(e) => onEnabled(e.target.checked)} />
        <span>{toggleLabel}</span>
      </label>
      <div className="field">
        <label htmlFor={id}>{t("live.devices.device")}</label>
        <select
          id={id}
          value={activeDeviceId}
          disabled={devices.length === 0}
          onChange={(e) => {
            const deviceId = e.target.value;
            onDevice(deviceId);
            void setActiveMediaDevice(deviceId);
          }}
        >
          {devices.length === 0 ? <option value="">{t("live.devices.noDevices")}</option> : null}
          {devices.map((device, index) => (
            <option key={device.deviceId || index} value={device.deviceId}>
              {device.label || t("live.devices.unnamed", { n: index + 1 })}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}

/** How loud the microphone is, as a meter that updates about ten times a second. */
function MicLevel({ track }: { track: LocalAudioTrack | undefined }) {
  const { t } = useTranslation();
  const [level, setLevel] = useState(0);
  useEffect(() => {
    if (!track) return;
    const { calculateVolume, cleanup } = createAudioAnalyser(track, { cloneTrack: true });
    const timer = setInterval(() => setLevel(Math.min(1, calculateVolume() * 4)), 100);
    return () => {
      clearInterval(timer);
      setLevel(0);
      void cleanup();
    };
  }, [track]);
  const id = useId();
  return (
    <div className="mic-level">
      <span id={id} className="small">
        {t("live.devices.micLevel")}
      </span>
      <meter
        aria-labelledby={id}
        min={0}
        max={1}
        value={track ? level : 0}
        data-testid="mic-level"
        data-level={level.toFixed(2)}
      />
    </div>
  );
}
