import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen } from "@testing-library/react";
import i18next from "i18next";
import { DisconnectReason } from "livekit-client";
import { useEffect, useState, type ReactNode } from "react";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { LiveKitJoin, MediaHolds } from "@piiri/protocol/livekit";
import { getLiveKitJoin, releaseMediaHold } from "../../../lib/api.ts";
import { ApiError } from "../../../lib/apiError.ts";
import type { DeviceChoices } from "../devices/deviceChoices.ts";
import type { MuteCommand } from "../live/LiveProvider.tsx";
import { VIDEO_CONNECT_TIMEOUT_MS, VideoArea } from "./VideoArea.tsx";

vi.mock("../../../lib/api.ts", () => ({ getLiveKitJoin: vi.fn(), releaseMediaHold: vi.fn() }));

type RoomProps = {
  audio?: unknown;
  video?: unknown;
  onError?: (e: Error) => void;
  onDisconnected?: (reason?: DisconnectReason) => void;
  children?: ReactNode;
};

// Stands in for LiveKit, which cannot run here. "fail": connecting fails, as it does on machines
// without a LiveKit server; "hang": it never answers; "connect": the room connects. Each room
// (one per attempt) is recorded with the props it was last given.
const livekit = vi.hoisted(() => {
  const state: { mode: "fail" | "hang" | "connect"; rooms: RoomProps[] } = {
    mode: "fail",
    rooms: [],
  };
  return state;
});
vi.mock("@livekit/components-react", () => ({
  LiveKitRoom: (props: RoomProps) => {
    const [index] = useState(() => livekit.rooms.push(props) - 1);
    livekit.rooms[index] = props;
    const { onError } = props;
    useEffect(() => {
      if (livekit.mode === "fail") onError?.(new Error("could not establish signal connection"));
    }, [onError]);
    return <div>{props.children}</div>;
  },
  useConnectionState: () => (livekit.mode === "connect" ? "connected" : "connecting"),
  CarouselLayout: () => null,
  FocusLayoutContainer: () => null,
  TrackRefContext: { Provider: () => null },
  TrackLoop: () => null,
  useGridLayout: () => ({ layout: { maxTiles: 4 } }),
  useVisualStableUpdate: (tracks: unknown[]) => tracks,
  useSwipe: () => undefined,
  useRoomContext: () => ({
    localParticipant: {
      setMicrophoneEnabled: () => Promise.resolve(),
      setCameraEnabled: () => Promise.resolve(),
    },
  }),
  useSpeakingParticipants: () => [],
  ParticipantTile: () => null,
  RoomAudioRenderer: () => null,
  TrackToggle: ({
    children,
    onChange,
  }: {
    children: ReactNode;
    onChange?: (enabled: boolean, byUser: boolean) => void;
  }) => {
    const [on, setOn] = useState(false);
    return (
      <button
        type="button"
        onClick={() => {
          setOn(!on);
          onChange?.(!on, true);
        }}
      >
        {children}
      </button>
    );
  },
  VideoTrack: () => null,
  isTrackReference: () => false,
  useTrackRefContext: () => ({}),
  useTracks: () => [],
}));

// The lazy LiveKit chunk (livekit-client, the E2EE worker) is slow to transform on a busy
// machine: load it once up front, and give the words a little longer than the default second.
const LAZY_CHUNK = { timeout: 4_000 };
beforeAll(async () => {
  await import("./LiveKitStage.tsx");
}, 60_000);

const SESSION_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const NOT_HELD: MediaHolds = { microphone: false, camera: false };
function joinWith(held: MediaHolds = NOT_HELD): LiveKitJoin {
  return {
    token: "jwt",
    url: "ws://127.0.0.1:7880",
    identity: "0b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e",
    room: "room",
    expiresAt: new Date(Date.now() + 600_000).toISOString(),
    held,
  };
}
const BOTH_ON: DeviceChoices = {
  audioEnabled: true,
  videoEnabled: true,
  audioDeviceId: "mic-1",
  videoDeviceId: "cam-1",
};

function renderVideo(props: { choices?: DeviceChoices; muteCommand?: MuteCommand | null } = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const view = (next: typeof props) => (
    <QueryClientProvider client={client}>
      <VideoArea sessionId={SESSION_ID} names={new Map()} {...next} />
    </QueryClientProvider>
  );
  const result = render(view(props));
  return { ...result, rerenderWith: (next: typeof props) => result.rerender(view(next)) };
}

/** Moves fake time on in small steps, letting React render between them (as real time would). */
async function advance(ms: number, step = 50) {
  for (let passed = 0; passed < ms; passed += step) {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(Math.min(step, ms - passed));
    });
  }
}

const lastRoom = () => livekit.rooms.at(-1);

beforeEach(() => {
  livekit.mode = "fail";
  livekit.rooms = [];
  vi.mocked(getLiveKitJoin).mockReset();
  vi.mocked(releaseMediaHold).mockReset();
  vi.mocked(releaseMediaHold).mockResolvedValue({ held: NOT_HELD });
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("VideoArea", () => {
  it('says "Video ei ole käytettävissä" with a retry when LiveKit cannot be reached', async () => {
    vi.mocked(getLiveKitJoin).mockResolvedValue(joinWith());
    renderVideo();
    expect(await screen.findByText("Video ei ole käytettävissä", {}, LAZY_CHUNK)).toBeTruthy();
    expect(screen.getByText(/Osallistujalista ja muu tapaaminen toimivat silti/)).toBeTruthy();
    expect(screen.getByText(/Yritetään uudelleen automaattisesti/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Yritä uudelleen" })).toBeTruthy();
  });

  it("is unavailable when the API gives no token, and retrying asks again at once", async () => {
    vi.mocked(getLiveKitJoin).mockRejectedValue(new ApiError(503, "INTERNAL"));
    renderVideo();
    const retry = await screen.findByRole("button", { name: "Yritä uudelleen" });
    expect(screen.getByText("Video ei ole käytettävissä")).toBeTruthy();
    act(() => {
      retry.click();
    });
    expect(getLiveKitJoin).toHaveBeenCalledTimes(2);
  });

  it("gives up waiting after the connect timeout, and tries again later", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    livekit.mode = "hang";
    vi.mocked(getLiveKitJoin).mockResolvedValue(joinWith());
    renderVideo();
    expect(await screen.findByText("Yhdistetään videoon…")).toBeTruthy();
    await advance(VIDEO_CONNECT_TIMEOUT_MS + 100);
    expect(screen.getByText("Video ei ole käytettävissä")).toBeTruthy();
    await advance(2_000);
    expect(getLiveKitJoin).toHaveBeenCalledTimes(2);
  });

  it("keeps trying by itself, each time with a fresh token and a longer wait", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const asked: number[] = [];
    vi.mocked(getLiveKitJoin).mockImplementation(() => {
      asked.push(Date.now());
      return Promise.resolve(joinWith());
    });
    renderVideo();
    expect(await screen.findByText("Video ei ole käytettävissä", {}, LAZY_CHUNK)).toBeTruthy();
    await advance(12_000);
    // Waits of ¾ s, 1½ s, 3 s, 6 s (half the doubling step fixed, half jittered).
    expect(asked.length).toBe(5);
    const gaps = asked.slice(1).map((time, i) => time - (asked[i] ?? 0));
    for (let i = 1; i < gaps.length; i += 1) {
      expect(gaps[i]).toBeGreaterThan((gaps[i - 1] ?? 0) * 1.8);
    }
    // Calm: the same words all along, no flicker back to "connecting".
    expect(screen.getByText("Video ei ole käytettävissä")).toBeTruthy();
  });

  it("stops trying when the API says the person may not be in the video", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    vi.mocked(getLiveKitJoin).mockRejectedValue(new ApiError(403, "REMOVED_FROM_SESSION"));
    renderVideo();
    expect(await screen.findByText("Sinut poistettiin tästä tapaamisesta.")).toBeTruthy();
    await advance(120_000);
    expect(getLiveKitJoin).toHaveBeenCalledTimes(1);
    expect(screen.queryByText(/Yritetään uudelleen/)).toBeNull();
  });

  it("comes back by itself after the room drops, keeping the supervisor's mute", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    livekit.mode = "connect";
    vi.mocked(getLiveKitJoin).mockResolvedValue(joinWith());
    const view = renderVideo({ choices: BOTH_ON });
    expect(await screen.findByText("Video on yhdistetty", {}, LAZY_CHUNK)).toBeTruthy();
    expect(lastRoom()).toMatchObject({
      audio: { deviceId: "mic-1" },
      video: { deviceId: "cam-1" },
    });

    // The supervisor mutes me; then the LiveKit server goes away.
    view.rerenderWith({ choices: BOTH_ON, muteCommand: { source: "microphone", id: 1 } });
    vi.mocked(getLiveKitJoin).mockResolvedValue(joinWith({ microphone: true, camera: false }));
    livekit.mode = "fail";
    act(() => lastRoom()?.onDisconnected?.(DisconnectReason.SERVER_SHUTDOWN));
    expect(screen.getByText("Videoyhteys katkesi. Yhdistetään uudelleen…")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Yritä uudelleen" })).toBeTruthy();

    // Back: a new room with a fresh token publishes the camera, not the held microphone.
    livekit.mode = "connect";
    await advance(2_000);
    expect(getLiveKitJoin).toHaveBeenCalledTimes(2);
    expect(livekit.rooms).toHaveLength(2);
    expect(lastRoom()).toMatchObject({ audio: false, video: { deviceId: "cam-1" } });
    expect(await screen.findByText("Video on yhdistetty")).toBeTruthy();

    // I turn my microphone on myself: the hold is lifted on the server, and the next room has it.
    act(() => screen.getByRole("button", { name: "Mikrofoni" }).click());
    expect(releaseMediaHold).toHaveBeenCalledWith(SESSION_ID, "microphone");
    vi.mocked(getLiveKitJoin).mockResolvedValue(joinWith());
    act(() => lastRoom()?.onDisconnected?.(DisconnectReason.SIGNAL_CLOSE));
    await advance(2_000);
    expect(livekit.rooms).toHaveLength(3);
    expect(lastRoom()).toMatchObject({ audio: { deviceId: "mic-1" } });
  });

  it("connects with a held source off after a reload or on another device", async () => {
    livekit.mode = "hang";
    vi.mocked(getLiveKitJoin).mockResolvedValue(joinWith({ microphone: true, camera: true }));
    renderVideo({ choices: BOTH_ON });
    expect(await screen.findByText("Yhdistetään videoon…", {}, LAZY_CHUNK)).toBeTruthy();
    await vi.waitFor(() => expect(lastRoom()).toMatchObject({ audio: false, video: false }));
  });

  it("keeps a mute that arrives while the token is on its way", async () => {
    livekit.mode = "hang";
    let answer: (join: LiveKitJoin) => void = () => undefined;
    vi.mocked(getLiveKitJoin).mockReturnValue(new Promise((resolve) => (answer = resolve)));
    const view = renderVideo({ choices: BOTH_ON });
    view.rerenderWith({ choices: BOTH_ON, muteCommand: { source: "camera", id: 7 } });
    // Minted before the mute was stored: it says nothing is held.
    await act(async () => {
      answer(joinWith());
      await Promise.resolve();
    });
    await vi.waitFor(() => expect(lastRoom()).toBeDefined(), LAZY_CHUNK);
    expect(lastRoom()).toMatchObject({ audio: { deviceId: "mic-1" }, video: false });
  });

  it("stops when the same person's video opens elsewhere, and offers to take it back", async () => {
    livekit.mode = "connect";
    vi.mocked(getLiveKitJoin).mockResolvedValue(joinWith());
    renderVideo();
    expect(await screen.findByText("Video on yhdistetty", {}, LAZY_CHUNK)).toBeTruthy();
    act(() => lastRoom()?.onDisconnected?.(DisconnectReason.DUPLICATE_IDENTITY));
    expect(screen.getByText(/auki toisessa ikkunassa tai laitteessa/)).toBeTruthy();
    const useHere = screen.getByRole("button", { name: "Käytä videota tässä" });
    act(() => useHere.click());
    expect(getLiveKitJoin).toHaveBeenCalledTimes(2);
  });

  it("speaks English when the person chose English", async () => {
    await i18next.changeLanguage("en");
    vi.mocked(getLiveKitJoin).mockResolvedValue(joinWith());
    renderVideo();
    expect(await screen.findByText("Video unavailable", {}, LAZY_CHUNK)).toBeTruthy();
    expect(screen.getByText(/Trying again automatically/)).toBeTruthy();
    await i18next.changeLanguage("fi");
  });
});
