import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { afterDecision, mayEnter, onJoinRequest, type AdmissionStatus } from "./live-admission.ts";

const status = fc.constantFrom<AdmissionStatus | null>(
  null,
  "waiting",
  "admitted",
  "declined",
  "removed",
);
const decision = fc.constantFrom("admit" as const, "decline" as const, "remove" as const);

describe("onJoinRequest", () => {
  it("lets supervisors and lobby-off groups straight in, others knock", () => {
    expect(onJoinRequest(null, { bypassesLobby: true, lobbyEnabled: true }).kind).toBe("enter");
    expect(onJoinRequest(null, { bypassesLobby: false, lobbyEnabled: false }).kind).toBe("enter");
    expect(onJoinRequest(null, { bypassesLobby: false, lobbyEnabled: true }).kind).toBe("wait");
    expect(onJoinRequest("declined", { bypassesLobby: false, lobbyEnabled: true }).kind).toBe(
      "wait",
    );
    expect(onJoinRequest("admitted", { bypassesLobby: false, lobbyEnabled: true }).kind).toBe(
      "enter",
    );
  });
  it("never lets a removed member in, whatever the role or setting", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), (bypassesLobby, lobbyEnabled) => {
        expect(onJoinRequest("removed", { bypassesLobby, lobbyEnabled }).kind).toBe("refuse");
        expect(mayEnter("removed", { bypassesLobby, lobbyEnabled })).toBe(false);
      }),
    );
  });
});

describe("afterDecision", () => {
  it("removal is final under any sequence of later decisions", () => {
    fc.assert(
      fc.property(status, fc.array(decision), (start, decisions) => {
        let current = afterDecision(start, "remove") ?? start;
        expect(current).toBe("removed");
        for (const next of decisions) current = afterDecision(current, next) ?? current;
        expect(current).toBe("removed");
      }),
    );
  });
  it("declines only the waiting, admits anyone not removed", () => {
    expect(afterDecision("waiting", "decline")).toBe("declined");
    expect(afterDecision("admitted", "decline")).toBeNull();
    expect(afterDecision(null, "decline")).toBeNull();
    expect(afterDecision(null, "admit")).toBe("admitted");
    expect(afterDecision("declined", "admit")).toBe("admitted");
    expect(afterDecision("admitted", "admit")).toBeNull();
  });
  it("after any decisions the member may enter exactly when admitted (lobby on)", () => {
    fc.assert(
      fc.property(fc.array(decision), (decisions) => {
        let current: AdmissionStatus | null = null;
        for (const next of decisions) current = afterDecision(current, next) ?? current;
        expect(mayEnter(current, { bypassesLobby: false, lobbyEnabled: true })).toBe(
          current === "admitted",
        );
      }),
    );
  });
});
