import { describe, expect, it } from "vitest";
import { ClientRequest, ServerEvent } from "./realtime.ts";
import { AgendaPhaseInput, AgendaPutBody, AgendaState, RoundStartRequest } from "./rounds.ts";

const sessionId = "00000000-0000-4000-8000-000000000001";
const phase = { key: null, title: "Kuulumiskierros", kind: "round", plannedSeconds: 900, presenterId: null };

describe("round and agenda requests", () => {
  it("are part of ClientRequest, with defaults for order, advance and extension", () => {
    const start = ClientRequest.parse({ type: "round.start", sessionId, turnSeconds: 90 });
    expect(start).toEqual({
      type: "round.start",
      sessionId,
      turnSeconds: 90,
      order: "fixed",
      autoAdvance: true,
      addLateJoiners: true,
    });
    expect(ClientRequest.parse({ type: "round.extend", sessionId })).toEqual({
      type: "round.extend",
      sessionId,
      seconds: 60,
    });
    expect(ClientRequest.parse({ type: "clock.sync" })).toEqual({ type: "clock.sync" });
  });
  it("bound turn lengths and participant lists, and refuse repeated participants", () => {
    expect(RoundStartRequest.safeParse({ type: "round.start", sessionId, turnSeconds: 9 }).success).toBe(false);
    expect(RoundStartRequest.safeParse({ type: "round.start", sessionId, turnSeconds: 3601 }).success).toBe(false);
    const id = "00000000-0000-4000-8000-000000000002";
    expect(
      RoundStartRequest.safeParse({ type: "round.start", sessionId, turnSeconds: 60, participants: [id, id] }).success,
    ).toBe(false);
    const many = Array.from({ length: 61 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
    expect(
      RoundStartRequest.safeParse({ type: "round.start", sessionId, turnSeconds: 60, participants: many }).success,
    ).toBe(false);
  });
  it("need a key or a title per phase, bounded titles and lengths, at most 40 phases", () => {
    expect(AgendaPhaseInput.safeParse(phase).success).toBe(true);
    expect(AgendaPhaseInput.safeParse({ ...phase, title: null }).success).toBe(false);
    expect(AgendaPhaseInput.safeParse({ ...phase, title: null, key: "groupSupervision.checkIn" }).success).toBe(true);
    expect(AgendaPhaseInput.safeParse({ ...phase, key: "../etc" }).success).toBe(false);
    expect(AgendaPhaseInput.safeParse({ ...phase, title: "x".repeat(121) }).success).toBe(false);
    expect(AgendaPhaseInput.safeParse({ ...phase, plannedSeconds: 59 }).success).toBe(false);
    expect(AgendaPutBody.safeParse({ phases: Array.from({ length: 41 }, () => phase) }).success).toBe(false);
    expect(AgendaPutBody.safeParse({ template: "groupSupervision" }).success).toBe(true);
  });
});

describe("agenda.state", () => {
  it("is a ServerEvent and refuses negative remaining time", () => {
    const state = {
      phases: [],
      status: "planned",
      current: null,
      paused: false,
      round: null,
    };
    expect(
      ServerEvent.safeParse({
        type: "agenda.state",
        sessionId,
        version: 0,
        serverNow: 1,
        state,
        spotlight: { speakerId: null, listeningIds: [] },
      }).success,
    ).toBe(true);
    const timer = { running: false, remainingMs: -1, overtimeMs: 0, durationMs: 1000 };
    expect(
      AgendaState.safeParse({ ...state, current: { phaseId: sessionId, timer } }).success,
    ).toBe(false);
  });
});
