// A test-only page, never part of the app's build (harness/vite.config.ts builds it for
// e2e/video-stage.spec.ts): the real video stage (tiles, grid pages, media buttons) in the room's
// layout, with people simulated by livekit-client itself (Room.simulateParticipants), because no
// LiveKit server can run where the tests run. `?people=N` sets how many are in the room; the
// last simulated person is the supervisor.
import "@fontsource-variable/inter";
import "../../styles/tokens.css";
import "../../styles/global.css";
import "../../styles/components.css";
import "../../styles/live.css";
import { RoomContext } from "@livekit/components-react";
import { Room } from "livekit-client";
import { createRoot } from "react-dom/client";
import { Stage } from "../../features/session/video/LiveKitStage.tsx";
import { NamesContext } from "../../features/session/video/NamedTile.tsx";
import { VideoStatus } from "../../features/session/video/VideoStatus.tsx";
import { initI18n } from "../../i18n/i18n.ts";

const people = Math.max(2, Number(new URLSearchParams(location.search).get("people") ?? 12));
const supervisor = `simulated-${people - 2}`;
const names = new Map<string, string>([
  ["simulated-local", "Minna Mallikas"],
  ...Array.from(
    { length: people - 2 },
    (_, i) => [`simulated-${i}`, `Ohjattava ${i + 1}`] as const,
  ),
  [supervisor, "Ulla Ohjaaja"],
]);
const leaders = [supervisor];
const nothing = () => undefined;

async function main() {
  await initI18n();
  const room = new Room();
  // Remote people without media (LiveKit's simulated remote video needs a constructible
  // RTCRtpReceiver, which Chromium does not have): their tiles show initials, as a camera-off
  // tile does. The local camera is the browser's (fake) camera.
  await room.simulateParticipants({
    participants: { count: people, video: false, audio: false },
    publish: { video: true, audio: false, useRealTracks: true },
  });
  const element = document.getElementById("root");
  if (!element) throw new Error("no #root");
  createRoot(element).render(
    <main className="room">
      <h1>Tapaaminen</h1>
      <div className="room__body">
        <div className="room__main">
          <section className="room__stage" aria-label="Näyttämö">
            <section className="video-area" aria-labelledby="video-title">
              <h2 id="video-title">Video</h2>
              <VideoStatus phase="connected" retry={null} stop={null} onRetry={nothing} />
              <NamesContext.Provider value={names}>
                <RoomContext.Provider value={room}>
                  <div className="lk-room-container video-room" data-lk-theme="default">
                    <Stage
                      layout="grid"
                      spotlightMembershipId={null}
                      leaders={leaders}
                      onDeviceError={nothing}
                      onToggle={nothing}
                    />
                  </div>
                </RoomContext.Provider>
              </NamesContext.Provider>
            </section>
          </section>
        </div>
      </div>
    </main>,
  );
}

void main();
