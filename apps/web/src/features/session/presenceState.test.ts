import type { PresenceParticipant } from "@piiri/protocol/realtime";
import { describe, expect, it } from "vitest";
import { initialPresence, orderParticipants, presenceReducer } from "./presenceState.ts";

const SESSION = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const OTHER_SESSION = "1a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const anna: PresenceParticipant = {
  membershipId: "0b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e",
  displayName: "Anna Ohjaaja",
  role: "supervisor",
};
const ville: PresenceParticipant = {
  membershipId: "1b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e",
  displayName: "Ville",
  role: "participant",
};
const aino: PresenceParticipant = {
  ...ville,
  membershipId: "2b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e",
  displayName: "Äino",
};

const reduce = presenceReducer(SESSION);
const snapshot = (sessionId: string, participants: PresenceParticipant[]) =>
  ({ type: "serverEvent", event: { type: "presence.snapshot", sessionId, participants } }) as const;

describe("presence", () => {
  it("replaces the list with each snapshot instead of merging", () => {
    let state = reduce(initialPresence, snapshot(SESSION, [anna, ville]));
    state = reduce(state, snapshot(SESSION, [anna]));
    expect(state.participants).toEqual([anna]);
  });

  it("ignores snapshots of another session", () => {
    const state = reduce(
      reduce(initialPresence, snapshot(SESSION, [anna])),
      snapshot(OTHER_SESSION, []),
    );
    expect(state.participants).toEqual([anna]);
  });

  it("keeps the last list while reconnecting", () => {
    const state = reduce(reduce(initialPresence, snapshot(SESSION, [anna])), {
      type: "connectionLost",
    });
    expect(state).toMatchObject({ status: "reconnecting", participants: [anna] });
  });

  it("stays refused once the server has refused", () => {
    let state = reduce(initialPresence, { type: "refused", code: "NOT_A_MEMBER" });
    state = reduce(state, snapshot(SESSION, [anna]));
    state = reduce(state, { type: "joined" });
    expect(state).toEqual({ status: "refused", participants: [], refusal: "NOT_A_MEMBER" });
  });

  it("lists the supervisor first, then names in the language's order", () => {
    expect(orderParticipants([aino, ville, anna], "fi").map((p) => p.displayName)).toEqual([
      "Anna Ohjaaja",
      "Ville",
      "Äino",
    ]);
  });
});
