import { describe, expect, it } from "vitest";
import {
  initialMediaIntent,
  mediaIntentReducer,
  publishOnConnect,
  type MediaIntent,
  type MediaIntentAction,
} from "./mediaIntent.ts";

const both = { audioEnabled: true, videoEnabled: true };
const run = (actions: MediaIntentAction[], from: MediaIntent = initialMediaIntent(both)) =>
  actions.reduce(mediaIntentReducer, from);
const server = (microphone: boolean, camera: boolean, askedAt: number): MediaIntentAction => ({
  type: "fromServer",
  held: { microphone, camera },
  askedAt,
});

describe("what a page publishes when its room connects", () => {
  it("follows the device check until something else is said", () => {
    expect(publishOnConnect(initialMediaIntent(both))).toEqual({ microphone: true, camera: true });
    expect(
      publishOnConnect(initialMediaIntent({ audioEnabled: true, videoEnabled: false })),
    ).toEqual({ microphone: true, camera: false });
  });

  it("keeps a supervisor's mute and camera-stop across reconnects, whatever the device check said", () => {
    // Muted in the room (the live.muted event), then the room drops and connects again.
    const muted = run([{ type: "heldBySupervisor", source: "microphone" }]);
    expect(publishOnConnect(muted)).toEqual({ microphone: false, camera: true });
    // The fresh token's answer agrees.
    const reconnected = run([server(true, false, muted.seq)], muted);
    expect(publishOnConnect(reconnected)).toEqual({ microphone: false, camera: true });
  });

  it("keeps them after a reload or on another device: the token answer says so", () => {
    const fresh = initialMediaIntent(both);
    expect(publishOnConnect(run([server(true, true, fresh.seq)], fresh))).toEqual({
      microphone: false,
      camera: false,
    });
  });

  it("lets only the person turn a held source on again, deliberately", () => {
    const held = run([server(true, true, 0)]);
    const unmuted = run([{ type: "toggled", source: "microphone", enabled: true }], held);
    expect(publishOnConnect(unmuted)).toEqual({ microphone: true, camera: false });
    // Turning the camera off and on again themselves also lifts that hold.
    const both = run(
      [
        { type: "toggled", source: "camera", enabled: false },
        { type: "toggled", source: "camera", enabled: true },
      ],
      unmuted,
    );
    expect(publishOnConnect(both)).toEqual({ microphone: true, camera: true });
  });

  it("remembers the person's own toggles for the next connection", () => {
    const off = run([{ type: "toggled", source: "microphone", enabled: false }]);
    expect(publishOnConnect(off)).toEqual({ microphone: false, camera: true });
    const on = run(
      [{ type: "toggled", source: "camera", enabled: true }],
      initialMediaIntent({ audioEnabled: false, videoEnabled: false }),
    );
    expect(publishOnConnect(on)).toEqual({ microphone: false, camera: true });
  });

  it("does not let an answer sent before a local change undo it", () => {
    // A token request leaves; meanwhile the supervisor mutes; the answer (minted before) says no hold.
    const askedAt = initialMediaIntent(both).seq;
    const raced = run([
      { type: "heldBySupervisor", source: "microphone" },
      server(false, false, askedAt),
    ]);
    expect(publishOnConnect(raced)).toEqual({ microphone: false, camera: true });
    // The person turns it on while a request is out; the answer still says held.
    const held = run([server(true, false, 0)]);
    const asked = held.seq;
    const lifted = run(
      [{ type: "toggled", source: "microphone", enabled: true }, server(true, false, asked)],
      held,
    );
    expect(publishOnConnect(lifted)).toEqual({ microphone: true, camera: true });
    // A later request's answer is the truth again (e.g. the hold was set anew meanwhile).
    expect(publishOnConnect(run([server(true, false, lifted.seq)], lifted))).toEqual({
      microphone: false,
      camera: true,
    });
  });

  it("takes a hold lifted on another device from the next answer", () => {
    const held = run([{ type: "heldBySupervisor", source: "camera" }]);
    expect(publishOnConnect(run([server(false, false, held.seq)], held))).toEqual({
      microphone: true,
      camera: true,
    });
  });
});
