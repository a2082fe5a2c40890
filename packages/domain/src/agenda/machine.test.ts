// The rules of packages/domain/README.md "Agenda and rounds", one describe per rule.
import { describe, expect, it } from "vitest";
import type { AgendaPhase, AgendaState } from "@piiri/protocol/rounds";
import {
  apply,
  initialAgendaState,
  nextDeadline,
  tick,
  type AgendaCommand,
  type SpeakerInput,
} from "./machine.ts";
import { templatePhases, AGENDA_TEMPLATES } from "./templates.ts";
import { timeLeft } from "./timer.ts";
import { currentSpeaker, nextSpeaker, spotlightOf } from "./views.ts";

const T0 = Date.UTC(2026, 11, 1, 7, 0, 0);
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const ids = Array.from({ length: 40 }, (_, i) => id(900 + i));

const phase = (n: number, overrides: Partial<AgendaPhase> = {}): AgendaPhase => ({
  id: id(n),
  key: null,
  title: `Phase ${n}`,
  kind: "round",
  plannedSeconds: 600,
  presenterId: null,
  ...overrides,
});
const people = (count: number, present = true): SpeakerInput[] =>
  Array.from({ length: count }, (_, i) => ({
    membershipId: id(100 + i),
    displayName: `P${i}`,
    present,
  }));

function ok(state: AgendaState, command: AgendaCommand, now: number): AgendaState {
  const result = apply(state, command, now);
  if (result.error) throw new Error(`${command.type} refused: ${result.error.code}`);
  return result.state;
}
function refused(state: AgendaState, command: AgendaCommand, now: number): string {
  const result = apply(state, command, now);
  if (!result.error) throw new Error(`${command.type} was accepted`);
  return result.error.code;
}

const startRound = (speakers: SpeakerInput[], extra: Partial<Extract<AgendaCommand, { type: "round.start" }>> = {}): AgendaCommand => ({
  type: "round.start",
  roundId: id(500),
  speakers,
  order: "fixed",
  seed: 42,
  turnMs: 60_000,
  autoAdvance: true,
  addLateJoiners: true,
  ...extra,
});

/** An agenda with two phases, the first under way since T0, and a round of `n` started at T0. */
function inRound(n = 3, extra: Parameters<typeof startRound>[1] = {}): AgendaState {
  let state = ok(initialAgendaState(), { type: "agenda.set", phases: [phase(1), phase(2)] }, T0);
  state = ok(state, { type: "agenda.startPhase", phaseId: id(1) }, T0);
  return ok(state, startRound(people(n), extra), T0);
}
const speakerName = (state: AgendaState) => currentSpeaker(state)?.displayName ?? null;

describe("1. time is the server's, passed in", () => {
  it("stores deadlines as server timestamps and derives remaining time from `now`", () => {
    const state = inRound();
    expect(state.round?.turn).toEqual({ running: true, deadline: T0 + 60_000, durationMs: 60_000 });
    expect(state.current?.timer).toEqual({ running: true, deadline: T0 + 600_000, durationMs: 600_000 });
    expect(timeLeft(state.round!.turn!, T0 + 15_000)).toEqual({ remainingMs: 45_000, overtimeMs: 0 });
  });
});

describe("2. the agenda: edited any time, the current phase kept", () => {
  it("replaces the phases; ids must not repeat", () => {
    const state = ok(initialAgendaState(), { type: "agenda.set", phases: [phase(1), phase(2)] }, T0);
    expect(state.phases.map((p) => p.title)).toEqual(["Phase 1", "Phase 2"]);
    expect(refused(state, { type: "agenda.set", phases: [phase(1), phase(1)] }, T0)).toBe(
      "VALIDATION_FAILED",
    );
  });
  it("refuses to remove the current phase, and moves its deadline when its length changes", () => {
    let state = ok(initialAgendaState(), { type: "agenda.set", phases: [phase(1), phase(2)] }, T0);
    state = ok(state, { type: "agenda.startPhase", phaseId: id(1) }, T0);
    expect(refused(state, { type: "agenda.set", phases: [phase(2)] }, T0)).toBe("PHASE_IN_PROGRESS");
    state = ok(state, { type: "agenda.set", phases: [phase(3), phase(1, { plannedSeconds: 900 })] }, T0 + 1000);
    expect(state.current).toMatchObject({ phaseId: id(1), timer: { deadline: T0 + 900_000 } });
    expect(state.phases.map((p) => p.id)).toEqual([id(3), id(1)]);
  });
});

describe("3. templates", () => {
  it("fill the agenda with keyed phases before it starts, and not after", () => {
    const state = ok(initialAgendaState(), { type: "agenda.applyTemplate", template: "groupSupervision", ids }, T0);
    expect(state.phases.map((p) => p.key)).toEqual(AGENDA_TEMPLATES.groupSupervision.map((p) => p.key));
    expect(state.phases.every((p) => p.title === null)).toBe(true);
    const total = state.phases.reduce((sum, p) => sum + p.plannedSeconds, 0);
    expect(total).toBe(90 * 60);
    expect(state.phases.find((p) => p.kind === "listen")?.key).toBe(
      "groupSupervision.reflectingTeam.reflections",
    );
    const started = ok(state, { type: "agenda.nextPhase" }, T0);
    expect(refused(started, { type: "agenda.applyTemplate", template: "developmentDay", ids }, T0)).toBe(
      "AGENDA_STARTED",
    );
  });
  it("cover mediation and the development day", () => {
    expect(templatePhases("workplaceMediation", ids).map((p) => p.key)).toEqual([
      "workplaceMediation.preparation",
      "workplaceMediation.opening",
      "workplaceMediation.problemDefinition",
      "workplaceMediation.discussion",
      "workplaceMediation.solutions",
      "workplaceMediation.followUp",
    ]);
    expect(templatePhases("developmentDay", ids).length).toBeGreaterThan(3);
  });
});

describe("4. phases: started by the supervisor, never advancing by themselves", () => {
  it("starts a phase now, ends the round of the previous one, and ends after the last", () => {
    let state = inRound();
    expect(state.status).toBe("running");
    state = ok(state, { type: "agenda.nextPhase" }, T0 + 5000);
    expect(state.current).toMatchObject({ phaseId: id(2), timer: { deadline: T0 + 5000 + 600_000 } });
    expect(state.round).toBeNull();
    state = ok(state, { type: "agenda.nextPhase" }, T0 + 6000);
    expect(state).toMatchObject({ status: "ended", current: null });
    expect(refused(state, { type: "agenda.nextPhase" }, T0)).toBe("AGENDA_ENDED");
    expect(refused(state, { type: "agenda.startPhase", phaseId: id(7) }, T0)).toBe("PHASE_NOT_FOUND");
  });
  it("goes over time instead of moving on", () => {
    const state = inRound();
    const late = T0 + 3_600_000;
    expect(timeLeft(tick(state, late).current!.timer, late)).toEqual({ remainingMs: 0, overtimeMs: 3_000_000 });
    expect(tick(state, late).current?.phaseId).toBe(id(1));
  });
});

describe("5. pause and resume conserve time", () => {
  it("freezes phase and turn with what was left, resumes with exactly that", () => {
    let state = inRound();
    state = ok(state, { type: "agenda.pause" }, T0 + 20_000);
    expect(state.round?.turn).toMatchObject({ running: false, remainingMs: 40_000, overtimeMs: 0 });
    expect(state.current?.timer).toMatchObject({ running: false, remainingMs: 580_000 });
    expect(nextDeadline(state)).toBeNull();
    expect(tick(state, T0 + 999_999)).toBe(state);
    expect(ok(state, { type: "agenda.pause" }, T0 + 30_000)).toBe(state);
    state = ok(state, { type: "agenda.resume" }, T0 + 500_000);
    expect(state.round?.turn).toMatchObject({ running: true, deadline: T0 + 540_000 });
    expect(nextDeadline(state)).toBe(T0 + 540_000);
  });
  it("starts new turns paused with full time while paused", () => {
    let state = ok(inRound(), { type: "agenda.pause" }, T0 + 20_000);
    state = ok(state, { type: "round.next" }, T0 + 25_000);
    expect(state.round?.turn).toMatchObject({ running: false, remainingMs: 60_000 });
  });
});

describe("6. extend", () => {
  it("adds a minute; a turn over time gets the minute from now", () => {
    let state = inRound(3, { autoAdvance: false });
    state = ok(state, { type: "round.extend", ms: 60_000 }, T0 + 10_000);
    expect(state.round?.turn).toMatchObject({ deadline: T0 + 120_000 });
    state = ok(state, { type: "round.extend", ms: 60_000 }, T0 + 200_000);
    expect(state.round?.turn).toMatchObject({ deadline: T0 + 260_000 });
    state = ok(state, { type: "agenda.extendPhase", ms: 60_000 }, T0);
    expect(state.current?.timer).toMatchObject({ deadline: T0 + 660_000 });
  });
});

describe("7. starting a round", () => {
  it("needs a current phase, no running round, and someone present", () => {
    const planned = ok(initialAgendaState(), { type: "agenda.set", phases: [phase(1)] }, T0);
    expect(refused(planned, startRound(people(2)), T0)).toBe("NO_CURRENT_PHASE");
    expect(refused(inRound(), startRound(people(2)), T0)).toBe("ROUND_ALREADY_RUNNING");
    const started = ok(planned, { type: "agenda.startPhase", phaseId: id(1) }, T0);
    expect(refused(started, startRound(people(2, false)), T0)).toBe("ROUND_EMPTY");
    expect(refused(started, startRound(people(61)), T0)).toBe("ROUND_FULL");
  });
  it("keeps the given order, or shuffles it by the seed (same seed, same order)", () => {
    expect(inRound(4).round?.speakers.map((s) => s.displayName)).toEqual(["P0", "P1", "P2", "P3"]);
    const a = inRound(8, { order: "shuffled", seed: 7 }).round?.speakers.map((s) => s.displayName);
    const b = inRound(8, { order: "shuffled", seed: 7 }).round?.speakers.map((s) => s.displayName);
    const c = inRound(8, { order: "shuffled", seed: 8 }).round?.speakers.map((s) => s.displayName);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect([...(a ?? [])].sort()).toEqual(["P0", "P1", "P2", "P3", "P4", "P5", "P6", "P7"]);
  });
  it("starts with the first present speaker, skipping absent ones", () => {
    let state = ok(initialAgendaState(), { type: "agenda.set", phases: [phase(1)] }, T0);
    state = ok(state, { type: "agenda.startPhase", phaseId: id(1) }, T0);
    const [p0, p1] = people(2);
    state = ok(state, startRound([{ ...p0!, present: false }, p1!]), T0);
    expect(speakerName(state)).toBe("P1");
    expect(state.round?.speakers[0]?.outcome).toBe("skipped");
  });
});

describe("8 & 9. turns: next, skip, pass", () => {
  it("moves through the order with full time each, and ends after the last", () => {
    let state = inRound(3);
    expect([speakerName(state), nextSpeaker(state)?.displayName]).toEqual(["P0", "P1"]);
    state = ok(state, { type: "round.next" }, T0 + 10_000);
    expect(speakerName(state)).toBe("P1");
    expect(state.round?.turn).toMatchObject({ deadline: T0 + 70_000 });
    state = ok(state, { type: "round.skip" }, T0 + 20_000);
    expect(speakerName(state)).toBe("P2");
    expect(nextSpeaker(state)).toBeNull();
    expect(refused(state, { type: "round.pass", membershipId: id(100) }, T0 + 20_000)).toBe(
      "NOT_CURRENT_SPEAKER",
    );
    state = ok(state, { type: "round.pass", membershipId: id(102) }, T0 + 21_000);
    expect(state.round).toMatchObject({ status: "ended", current: null, turn: null });
    expect(state.round?.speakers.map((s) => s.outcome)).toEqual(["spoke", "skipped", "passed"]);
    expect(refused(state, { type: "round.next" }, T0)).toBe("ROUND_NOT_RUNNING");
  });
  it("skips absent speakers on the way", () => {
    let state = inRound(3);
    state = ok(state, { type: "member.left", membershipId: id(101) }, T0 + 1000);
    state = ok(state, { type: "round.next" }, T0 + 2000);
    expect(speakerName(state)).toBe("P2");
    expect(state.round?.speakers[1]?.outcome).toBe("skipped");
  });
});

describe("10. auto-advance at the deadline, chained; manual advance goes over time", () => {
  it("advances at each deadline, the next turn starting at the previous deadline", () => {
    const state = inRound(3);
    expect(nextDeadline(state)).toBe(T0 + 60_000);
    expect(tick(state, T0 + 59_999)).toBe(state);
    const later = tick(state, T0 + 60_005);
    expect(speakerName(later)).toBe("P1");
    expect(later.round?.turn).toMatchObject({ deadline: T0 + 120_000 });
    // A server that was down for 2.5 turns catches up exactly.
    const caughtUp = tick(state, T0 + 150_000);
    expect(speakerName(caughtUp)).toBe("P2");
    expect(caughtUp.round?.turn).toMatchObject({ deadline: T0 + 180_000 });
    expect(tick(state, T0 + 180_000).round?.status).toBe("ended");
  });
  it("keeps the speaker over time when advance is manual", () => {
    const state = inRound(3, { autoAdvance: false });
    expect(nextDeadline(state)).toBeNull();
    const late = tick(state, T0 + 90_000);
    expect(speakerName(late)).toBe("P0");
    expect(timeLeft(late.round!.turn!, T0 + 90_000)).toEqual({ remainingMs: 0, overtimeMs: 30_000 });
  });
});

describe("11. back", () => {
  it("gives the previous speaker the floor again with full time, and reopens an ended round", () => {
    let state = ok(inRound(2), { type: "round.next" }, T0 + 5000);
    state = ok(state, { type: "round.back" }, T0 + 6000);
    expect(speakerName(state)).toBe("P0");
    expect(state.round?.speakers.map((s) => s.outcome)).toEqual(["pending", "pending"]);
    expect(state.round?.turn).toMatchObject({ deadline: T0 + 66_000 });
    expect(refused(state, { type: "round.back" }, T0 + 7000)).toBe("NO_PREVIOUS_SPEAKER");
    state = ok(ok(state, { type: "round.next" }, T0 + 8000), { type: "round.next" }, T0 + 9000);
    expect(state.round?.status).toBe("ended");
    state = ok(state, { type: "round.back" }, T0 + 10_000);
    expect([state.round?.status, speakerName(state)]).toEqual(["running", "P1"]);
  });
});

describe("12. leavers and late joiners", () => {
  it("skips a speaker who leaves mid-turn at once", () => {
    const state = ok(inRound(3), { type: "member.left", membershipId: id(100) }, T0 + 3000);
    expect(speakerName(state)).toBe("P1");
    expect(state.round?.turn).toMatchObject({ deadline: T0 + 63_000 });
  });
  it("adds late joiners at the end if the round allows it; a returning speaker is present again", () => {
    let state = inRound(2);
    const joined: AgendaCommand = { type: "member.joined", membershipId: id(300), displayName: "Late", lateJoiner: true };
    state = ok(state, joined, T0 + 1000);
    expect(state.round?.speakers.map((s) => s.displayName)).toEqual(["P0", "P1", "Late"]);
    expect(ok(state, joined, T0 + 1000)).toBe(state);
    expect(ok(inRound(2, { addLateJoiners: false }), joined, T0).round?.speakers).toHaveLength(2);
    expect(ok(inRound(2), { ...joined, lateJoiner: false }, T0).round?.speakers).toHaveLength(2);
    state = ok(state, { type: "member.left", membershipId: id(101) }, T0 + 2000);
    expect(state.round?.speakers[1]?.present).toBe(false);
    state = ok(state, { type: "member.joined", membershipId: id(101), displayName: "P1", lateJoiner: true }, T0 + 3000);
    expect(state.round?.speakers[1]?.present).toBe(true);
  });
  it("lets the supervisor add someone by hand, once", () => {
    const speaker = { membershipId: id(301), displayName: "Added", present: true };
    const state = ok(inRound(2, { addLateJoiners: false }), { type: "round.add", speaker }, T0);
    expect(state.round?.speakers.at(-1)?.displayName).toBe("Added");
    expect(refused(state, { type: "round.add", speaker }, T0)).toBe("ALREADY_IN_ROUND");
  });
});

describe("13. ending", () => {
  it("ends the round, or the whole agenda", () => {
    const state = inRound(3);
    expect(ok(state, { type: "round.end" }, T0).round).toMatchObject({ status: "ended", current: null });
    expect(ok(state, { type: "agenda.end" }, T0)).toMatchObject({ status: "ended", round: null, current: null });
  });
});

describe("15. refused commands change nothing", () => {
  it("returns an error and no state", () => {
    const state = inRound(2);
    const result = apply(state, { type: "agenda.startPhase", phaseId: id(77) }, T0);
    expect(result.error?.code).toBe("PHASE_NOT_FOUND");
    expect(result.state).toBeUndefined();
  });
});

describe("16. spotlight", () => {
  it("names the current speaker, and the presenter of a listen-only phase as listening", () => {
    expect(spotlightOf(inRound(2))).toEqual({ speakerId: id(100), listeningIds: [] });
    let state = ok(
      initialAgendaState(),
      { type: "agenda.set", phases: [phase(1, { kind: "listen", presenterId: id(102) })] },
      T0,
    );
    state = ok(state, { type: "agenda.startPhase", phaseId: id(1) }, T0);
    expect(spotlightOf(state)).toEqual({ speakerId: null, listeningIds: [id(102)] });
  });
});
