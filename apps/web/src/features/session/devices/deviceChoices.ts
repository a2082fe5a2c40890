/** What the person chose on the device check page (kept free of LiveKit types). */
export type DeviceChoices = {
  audioEnabled: boolean;
  videoEnabled: boolean;
  audioDeviceId: string;
  videoDeviceId: string;
};

const key = (sessionId: string) => `piiri.live.entered.${sessionId}`;

/**
 * Once through the device check, a reload of the same tab goes straight back to the session
 * (sessionStorage: this tab only, gone when it closes).
 */
export function rememberEntered(sessionId: string, choices: DeviceChoices): void {
  try {
    sessionStorage.setItem(key(sessionId), JSON.stringify(choices));
  } catch {
    // Storage may be unavailable (private mode): the device check simply shows again.
  }
}

export function enteredChoices(sessionId: string): DeviceChoices | null {
  try {
    const raw = sessionStorage.getItem(key(sessionId));
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<DeviceChoices>;
    return {
      audioEnabled: value.audioEnabled === true,
      videoEnabled: value.videoEnabled === true,
      audioDeviceId: typeof value.audioDeviceId === "string" ? value.audioDeviceId : "default",
      videoDeviceId: typeof value.videoDeviceId === "string" ? value.videoDeviceId : "default",
    };
  } catch {
    return null;
  }
}

export function forgetEntered(sessionId: string): void {
  try {
    sessionStorage.removeItem(key(sessionId));
  } catch {
    // Nothing to forget.
  }
}

/** The room layout is a per-session choice of this browser ("grid" or "speaker"). */
export type RoomLayout = "grid" | "speaker";
const layoutKey = (sessionId: string) => `piiri.live.layout.${sessionId}`;

export function savedLayout(sessionId: string): RoomLayout {
  try {
    return localStorage.getItem(layoutKey(sessionId)) === "speaker" ? "speaker" : "grid";
  } catch {
    return "grid";
  }
}

export function saveLayout(sessionId: string, layout: RoomLayout): void {
  try {
    localStorage.setItem(layoutKey(sessionId), layout);
  } catch {
    // Not remembered; the default applies next time.
  }
}
