import { describe, expect, it } from "vitest";
import {
  initialVideoState,
  videoReducer,
  type VideoAction,
  type VideoState,
} from "./videoState.ts";

const run = (actions: VideoAction[], from: VideoState = initialVideoState) =>
  actions.reduce(videoReducer, from);

describe("video connection state", () => {
  it("goes preparing → connecting → connected", () => {
    expect(
      run([
        { type: "tokenReady", attempt: 0 },
        { type: "room", attempt: 0, connection: "disconnected" },
        { type: "room", attempt: 0, connection: "connecting" },
        { type: "room", attempt: 0, connection: "connected" },
      ]).phase,
    ).toBe("connected");
  });

  it("is unavailable when connecting fails, and a retry starts a new attempt", () => {
    const failed = run([
      { type: "tokenReady", attempt: 0 },
      { type: "failed", attempt: 0 },
    ]);
    expect(failed.phase).toBe("unavailable");
    expect(run([{ type: "retry" }], failed)).toEqual({ attempt: 1, phase: "preparing" });
  });

  it("ignores late events from an earlier attempt", () => {
    const state = run([
      { type: "retry" },
      { type: "tokenReady", attempt: 1 },
      { type: "failed", attempt: 0 },
    ]);
    expect(state).toEqual({ attempt: 1, phase: "connecting" });
  });

  it("says reconnecting while LiveKit resumes, and unavailable if the line drops for good", () => {
    const connected = run([
      { type: "tokenReady", attempt: 0 },
      { type: "room", attempt: 0, connection: "connected" },
    ]);
    const resuming = run(
      [
        { type: "room", attempt: 0, connection: "reconnecting" },
        { type: "room", attempt: 0, connection: "connecting" },
      ],
      connected,
    );
    expect(resuming.phase).toBe("reconnecting");
    expect(run([{ type: "room", attempt: 0, connection: "disconnected" }], resuming).phase).toBe(
      "unavailable",
    );
  });
});
