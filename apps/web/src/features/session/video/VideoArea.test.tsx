import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen } from "@testing-library/react";
import i18next from "i18next";
import { useEffect, type ReactNode } from "react";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getLiveKitJoin } from "../../../lib/api.ts";
import { ApiError } from "../../../lib/apiError.ts";
import { VIDEO_CONNECT_TIMEOUT_MS, VideoArea } from "./VideoArea.tsx";

vi.mock("../../../lib/api.ts", () => ({ getLiveKitJoin: vi.fn() }));

// Stands in for LiveKit when nothing listens at the server URL: connecting fails, as it does
// on machines without a LiveKit server. `mode` lets a test make it hang instead.
const livekit = vi.hoisted(() => {
  const state: { mode: "fail" | "hang" } = { mode: "fail" };
  return state;
});
vi.mock("@livekit/components-react", () => ({
  LiveKitRoom: ({ onError, children }: { onError?: (e: Error) => void; children?: ReactNode }) => {
    useEffect(() => {
      if (livekit.mode === "fail") onError?.(new Error("could not establish signal connection"));
    }, [onError]);
    return <div>{children}</div>;
  },
  useConnectionState: () => "connecting",
  GridLayout: () => null,
  CarouselLayout: () => null,
  FocusLayoutContainer: () => null,
  TrackRefContext: { Provider: () => null },
  useRoomContext: () => ({}),
  useSpeakingParticipants: () => [],
  ParticipantTile: () => null,
  RoomAudioRenderer: () => null,
  TrackToggle: () => null,
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

const join = {
  token: "jwt",
  url: "ws://127.0.0.1:7880",
  identity: "0b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e",
  room: "room",
  expiresAt: "2026-12-01T10:00:00.000Z",
};

function renderVideo() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <VideoArea sessionId="9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d" names={new Map()} />
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  livekit.mode = "fail";
  vi.mocked(getLiveKitJoin).mockReset();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("VideoArea", () => {
  it('says "Video ei ole käytettävissä" with a retry when LiveKit cannot be reached', async () => {
    vi.mocked(getLiveKitJoin).mockResolvedValue(join);
    renderVideo();
    expect(await screen.findByText("Video ei ole käytettävissä", {}, LAZY_CHUNK)).toBeTruthy();
    expect(screen.getByText(/Osallistujalista ja muu tapaaminen toimivat silti/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Yritä uudelleen" })).toBeTruthy();
  });

  it("is unavailable when the API gives no token, and retrying asks again", async () => {
    vi.mocked(getLiveKitJoin).mockRejectedValue(new ApiError(503, "INTERNAL"));
    renderVideo();
    const retry = await screen.findByRole("button", { name: "Yritä uudelleen" });
    expect(screen.getByText("Video ei ole käytettävissä")).toBeTruthy();
    act(() => {
      retry.click();
    });
    expect(getLiveKitJoin).toHaveBeenCalledTimes(2);
  });

  it("gives up waiting after the connect timeout", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    livekit.mode = "hang";
    vi.mocked(getLiveKitJoin).mockResolvedValue(join);
    renderVideo();
    expect(await screen.findByText("Yhdistetään videoon…")).toBeTruthy();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(VIDEO_CONNECT_TIMEOUT_MS + 100);
    });
    expect(screen.getByText("Video ei ole käytettävissä")).toBeTruthy();
  });

  it("speaks English when the person chose English", async () => {
    await i18next.changeLanguage("en");
    vi.mocked(getLiveKitJoin).mockResolvedValue(join);
    renderVideo();
    expect(await screen.findByText("Video unavailable", {}, LAZY_CHUNK)).toBeTruthy();
  });
});
