import { describe, expect, it } from "vitest";
import type { ServerEvent } from "@piiri/protocol/realtime";
import { handPlace, initialLiveState, liveReducer, type LiveState } from "./liveState.ts";

const SESSION = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const OTHER = "8a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const ANNA = "0b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e";
const VILLE = "1b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e";
const reduce = liveReducer(SESSION);

function apply(state: LiveState, ...events: ServerEvent[]): LiveState {
  return events.reduce((s, event) => reduce(s, { type: "serverEvent", event }), state);
}

const snapshot = (
  over: Partial<Extract<ServerEvent, { type: "live.state" }>> = {},
): ServerEvent => ({
  type: "live.state",
  sessionId: SESSION,
  hands: [],
  spotlight: null,
  lobbyEnabled: true,
  ended: false,
  ...over,
});

describe("liveReducer", () => {
  it("follows the door: waiting, then admitted", () => {
    let state = apply(initialLiveState, {
      type: "live.admission",
      sessionId: SESSION,
      status: "waiting",
    });
    expect(state.admission).toBe("waiting");
    state = apply(state, { type: "live.admission", sessionId: SESSION, status: "admitted" });
    expect(state.admission).toBe("admitted");
  });

  it("waits for the session to open, then goes in; a closed session is final", () => {
    const opensAt = "2031-05-06T06:45:00.000Z";
    let state = apply(initialLiveState, { type: "session.opening", sessionId: SESSION, opensAt });
    expect(state).toMatchObject({ admission: "notOpen", opensAt });
    state = apply(state, { type: "live.admission", sessionId: SESSION, status: "admitted" });
    expect(state.admission).toBe("admitted");
    state = apply(state, snapshot({ hands: [{ membershipId: ANNA, raisedAt: opensAt }] }));
    state = apply(state, { type: "session.closed", sessionId: SESSION });
    expect(state).toEqual({ ...initialLiveState, admission: "closed" });
    state = apply(state, { type: "live.admission", sessionId: SESSION, status: "admitted" });
    expect(state.admission).toBe("closed");
  });

  it("replaces hands and spotlight with each snapshot, in the server's order", () => {
    const hands = [
      { membershipId: VILLE, raisedAt: "2026-11-23T10:00:00.000Z" },
      { membershipId: ANNA, raisedAt: "2026-11-23T10:00:05.000Z" },
    ];
    let state = apply(initialLiveState, snapshot({ hands, spotlight: VILLE, lobbyEnabled: false }));
    expect(state.hands.map((h) => h.membershipId)).toEqual([VILLE, ANNA]);
    expect(handPlace(state.hands, ANNA)).toBe(2);
    expect(handPlace(state.hands, VILLE)).toBe(1);
    expect(state.spotlight).toBe(VILLE);
    expect(state.lobbyEnabled).toBe(false);
    state = apply(state, snapshot({ hands: [hands[1]!] }));
    expect(handPlace(state.hands, VILLE)).toBeNull();
    expect(handPlace(state.hands, ANNA)).toBe(1);
    expect(state.spotlight).toBeNull();
  });

  it("ignores events of another session", () => {
    const state = apply(initialLiveState, {
      type: "live.admission",
      sessionId: OTHER,
      status: "admitted",
    });
    expect(state).toBe(initialLiveState);
  });

  it("forgets the room's state when the person is sent out", () => {
    let state = apply(
      initialLiveState,
      { type: "live.admission", sessionId: SESSION, status: "admitted" },
      snapshot({
        spotlight: VILLE,
        hands: [{ membershipId: VILLE, raisedAt: "2026-11-23T10:00:00.000Z" }],
      }),
      {
        type: "live.e2ee.keys",
        sessionId: SESSION,
        keys: [{ membershipId: ANNA, publicKey: "AAAA" }],
      },
    );
    expect(state.e2eeKeys).toHaveLength(1);
    state = apply(state, { type: "live.admission", sessionId: SESSION, status: "declined" });
    expect(state.admission).toBe("declined");
    expect(state.hands).toEqual([]);
    expect(state.spotlight).toBeNull();
    expect(state.e2eeKeys).toEqual([]);
  });

  it("a declined person may knock again; a removed one stays out for good", () => {
    let state = apply(initialLiveState, {
      type: "live.admission",
      sessionId: SESSION,
      status: "declined",
    });
    state = reduce(state, { type: "knockAgain" });
    expect(state.admission).toBe("joining");
    state = apply(state, { type: "live.admission", sessionId: SESSION, status: "removed" });
    expect(state.admission).toBe("removed");
    state = apply(state, { type: "live.admission", sessionId: SESSION, status: "admitted" });
    expect(state.admission).toBe("removed");
    expect(reduce(state, { type: "knockAgain" }).admission).toBe("removed");
  });

  it("ends for everyone on live.ended or an ended snapshot, also in the lobby", () => {
    const waiting = apply(initialLiveState, {
      type: "live.admission",
      sessionId: SESSION,
      status: "waiting",
    });
    expect(apply(waiting, { type: "live.ended", sessionId: SESSION }).admission).toBe("ended");
    expect(apply(initialLiveState, snapshot({ ended: true })).admission).toBe("ended");
  });

  it("keeps the supervisor's waiting list from live.lobby", () => {
    const state = apply(initialLiveState, {
      type: "live.lobby",
      sessionId: SESSION,
      waiting: [
        {
          membershipId: VILLE,
          displayName: "Ville",
          role: "participant",
          knockedAt: "2026-11-23T10:00:00.000Z",
        },
      ],
    });
    expect(state.waiting.map((w) => w.displayName)).toEqual(["Ville"]);
  });

  it("a refusal for removal ends in the removed state", () => {
    expect(reduce(initialLiveState, { type: "removed" }).admission).toBe("removed");
  });
});
