import { describe, expect, it } from "vitest";
import {
  initialVideoState,
  retryDelayMs,
  RETRY_MAX_MS,
  roomIsMounted,
  tokenRefusal,
  videoPhase,
  videoReducer,
  videoRetry,
  type VideoAction,
  type VideoState,
} from "./videoState.ts";

const run = (actions: VideoAction[], from: VideoState = initialVideoState) =>
  actions.reduce(videoReducer, from);

const at = (now: number, jitter = 0.5) => ({ now, jitter });

function connected(attempt = 0): VideoState {
  return run([
    ...(attempt > 0 ? Array.from({ length: attempt }, () => ({ type: "retry" }) as const) : []),
    { type: "tokenReady", attempt },
    { type: "room", attempt, connection: "connecting" },
    { type: "room", attempt, connection: "connected" },
  ]);
}

describe("video connection state", () => {
  it("goes preparing → connecting → connected", () => {
    const steps: VideoAction[] = [
      { type: "tokenReady", attempt: 0 },
      { type: "room", attempt: 0, connection: "connecting" },
      { type: "room", attempt: 0, connection: "connected" },
    ];
    expect(videoPhase(initialVideoState)).toBe("preparing");
    expect(videoPhase(run(steps.slice(0, 1)))).toBe("connecting");
    expect(videoPhase(run(steps))).toBe("connected");
    expect(videoRetry(run(steps))).toBeNull();
  });

  it("is unavailable when the first connect fails, and plans a retry by itself", () => {
    const failed = run([
      { type: "tokenReady", attempt: 0 },
      { type: "failed", attempt: 0, ...at(10_000) },
    ]);
    expect(videoPhase(failed)).toBe("unavailable");
    expect(videoRetry(failed)).toBe("planned");
    expect(failed.retryAt).toBe(10_000 + retryDelayMs(1, 0.5));
    expect(roomIsMounted(failed)).toBe(false);

    // The time comes: a new attempt (a new token), still "unavailable" on screen, not flickering.
    const again = run([{ type: "due", attempt: 0 }], failed);
    expect(again).toMatchObject({ attempt: 1, step: "token", failures: 1 });
    expect(videoPhase(again)).toBe("unavailable");
    expect(videoRetry(again)).toBe("trying");
    // A stale timer of an earlier attempt does nothing.
    expect(run([{ type: "due", attempt: 0 }], again)).toBe(again);
  });

  it("lets the person retry at once, whatever is going on", () => {
    const failed = run([{ type: "tokenFailed", attempt: 0, stop: null, ...at(0) }]);
    expect(run([{ type: "retry" }], failed)).toMatchObject({ attempt: 1, step: "token" });
    const resuming = run([{ type: "room", attempt: 0, connection: "reconnecting" }], connected());
    expect(run([{ type: "retry" }], resuming)).toMatchObject({ attempt: 1, step: "token" });
  });

  it("ignores late events from an earlier attempt", () => {
    const state = run([
      { type: "retry" },
      { type: "tokenReady", attempt: 1 },
      { type: "failed", attempt: 0, ...at(0) },
      { type: "roomEnded", attempt: 0, end: "dropped", ...at(0) },
    ]);
    expect(state).toMatchObject({ attempt: 1, step: "room", failures: 0 });
    expect(videoPhase(state)).toBe("connecting");
  });

  it("says reconnecting while LiveKit resumes by itself, and after a full drop retries with a fresh token", () => {
    const resuming = run(
      [
        { type: "room", attempt: 0, connection: "reconnecting" },
        { type: "room", attempt: 0, connection: "connecting" },
      ],
      connected(),
    );
    expect(videoPhase(resuming)).toBe("reconnecting");
    expect(roomIsMounted(resuming)).toBe(true);
    expect(videoPhase(run([{ type: "room", attempt: 0, connection: "connected" }], resuming))).toBe(
      "connected",
    );

    const dropped = run(
      [{ type: "roomEnded", attempt: 0, end: "dropped", ...at(5_000) }],
      resuming,
    );
    expect(videoPhase(dropped)).toBe("reconnecting");
    expect(videoRetry(dropped)).toBe("planned");
    expect(roomIsMounted(dropped)).toBe(false);
    const retrying = run([{ type: "due", attempt: 0 }], dropped);
    expect(retrying).toMatchObject({ attempt: 1, step: "token" });
    expect(videoPhase(retrying)).toBe("reconnecting");
  });

  it("does not treat a device failure in a connected room as a lost connection", () => {
    const state = run([{ type: "failed", attempt: 0, ...at(0) }], connected());
    expect(videoPhase(state)).toBe("connected");
  });

  it("stops trying by itself when the API refuses for good, or the room ended for this member", () => {
    for (const [stop, code, status] of [
      ["removed", "REMOVED_FROM_SESSION", 403],
      ["ended", "SESSION_NOT_JOINABLE", 409],
      ["refused", "NOT_ADMITTED", 403],
      ["refused", "NOT_A_MEMBER", 403],
      ["refused", "UNAUTHENTICATED", 401],
      ["refused", "SESSION_NOT_FOUND", 404],
    ] as const) {
      expect(tokenRefusal({ status, code })).toBe(stop);
      const state = run([{ type: "tokenFailed", attempt: 0, stop, ...at(0) }]);
      expect(state).toMatchObject({ step: "stopped", stop, retryAt: null });
      expect(videoPhase(state)).toBe("unavailable");
      expect(videoRetry(state)).toBeNull();
      // Nothing brings it back by itself; the person still can.
      expect(run([{ type: "online" }, { type: "due", attempt: 0 }], state)).toBe(state);
      expect(run([{ type: "retry" }], state).step).toBe("token");
    }
    for (const [status, code] of [
      [0, "NETWORK"],
      [500, "INTERNAL"],
      [503, "INTERNAL"],
      [429, "RATE_LIMITED"],
      [200, "INVALID_RESPONSE"],
    ] as const) {
      expect(tokenRefusal({ status, code })).toBeNull();
    }
    for (const end of ["elsewhere", "removed", "ended"] as const) {
      const state = run([{ type: "roomEnded", attempt: 0, end, ...at(0) }], connected());
      expect(state).toMatchObject({ step: "stopped", stop: end });
      expect(videoPhase(state)).toBe("unavailable");
    }
  });

  it("tries a planned retry at once when the browser comes back online", () => {
    const waiting = run([{ type: "roomEnded", attempt: 0, end: "dropped", ...at(0) }], connected());
    expect(run([{ type: "online" }], waiting)).toMatchObject({ attempt: 1, step: "token" });
    const live = connected();
    expect(run([{ type: "online" }], live)).toBe(live);
  });
});

describe("retry backoff", () => {
  const jitters = Array.from({ length: 21 }, (_, i) => i / 20);

  it("doubles from about a second, with jitter, and never waits longer than the cap", () => {
    expect(retryDelayMs(1, 0)).toBe(500);
    expect(retryDelayMs(1, 1)).toBe(1_000);
    expect(retryDelayMs(2, 0)).toBe(1_000);
    expect(retryDelayMs(3, 1)).toBe(4_000);
    for (let failures = 1; failures <= 60; failures += 1) {
      for (const jitter of jitters) {
        const delay = retryDelayMs(failures, jitter);
        expect(delay).toBeGreaterThan(0);
        expect(delay).toBeLessThanOrEqual(RETRY_MAX_MS);
        expect(delay).toBeGreaterThanOrEqual(
          Math.min(RETRY_MAX_MS, 1_000 * 2 ** (failures - 1)) / 2,
        );
      }
    }
    expect(retryDelayMs(1_000, 1)).toBe(RETRY_MAX_MS);
  });

  it("never waits less after more failures, whatever the jitter", () => {
    for (let failures = 1; failures < 40; failures += 1) {
      const longestBefore = Math.max(...jitters.map((j) => retryDelayMs(failures, j)));
      const shortestAfter = Math.min(...jitters.map((j) => retryDelayMs(failures + 1, j)));
      expect(shortestAfter).toBeGreaterThanOrEqual(Math.min(longestBefore, RETRY_MAX_MS / 2));
    }
  });

  it("spreads people who lost the same server apart", () => {
    const delays = new Set(jitters.map((jitter) => retryDelayMs(4, jitter)));
    expect(delays.size).toBe(jitters.length);
  });

  it("brings video back soon after a 10 s LiveKit outage, without hammering it meanwhile", () => {
    // The server is down from 0 to 10 s; each attempt while it is down fails after 50 ms.
    const serverUp = (now: number) => now >= 10_000;
    for (const jitter of [0, 0.37, 1]) {
      let state = run(
        [{ type: "roomEnded", attempt: 0, end: "dropped", now: 0, jitter }],
        connected(),
      );
      let now = 0;
      let tokens = 0;
      while (videoPhase(state) !== "connected") {
        expect(state.step).toBe("waiting");
        now = state.retryAt ?? Number.NaN;
        state = run([{ type: "due", attempt: state.attempt }], state);
        tokens += 1;
        now += 50;
        const attempt = state.attempt;
        state = run(
          serverUp(now)
            ? [
                { type: "tokenReady", attempt },
                { type: "room", attempt, connection: "connected" },
              ]
            : [
                { type: "tokenReady", attempt },
                { type: "failed", attempt, now, jitter },
              ],
          state,
        );
      }
      expect(now).toBeLessThan(10_000 + 8_000 + 50);
      expect(tokens).toBeLessThanOrEqual(6);
      expect(state.failures).toBe(0);
    }
  });
});
