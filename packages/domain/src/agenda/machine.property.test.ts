// Property tests: random sequences of commands, joins, leaves and server-clock steps (including
// small steps backwards, as an NTP-adjusted server clock may take) keep the invariants of the
// spec in packages/domain/README.md.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AgendaState, type AgendaPhase, type Timer } from "@piiri/protocol/rounds";
import { apply, initialAgendaState, nextDeadline, tick, type AgendaCommand } from "./machine.ts";
import { signedRemaining } from "./timer.ts";

const T0 = Date.UTC(2026, 11, 1, 7, 0, 0);
/** Hundreds of runs take about a second; a busy shared machine may need many times that. */
const PROPERTY_BUDGET_MS = 60_000;
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const MEMBERS = Array.from({ length: 8 }, (_, i) => ({ membershipId: id(100 + i), displayName: `M${i}` }));
const PHASES: AgendaPhase[] = [1, 2, 3].map((n) => ({
  id: id(n),
  key: null,
  title: `Phase ${n}`,
  kind: n === 2 ? "listen" : "round",
  plannedSeconds: 60 * n,
  presenterId: n === 2 ? id(100) : null,
}));

const member = fc.integer({ min: 0, max: MEMBERS.length - 1 });
const command: fc.Arbitrary<AgendaCommand> = fc.oneof(
  fc.constant<AgendaCommand>({ type: "agenda.set", phases: PHASES }),
  fc
    .tuple(fc.subarray(PHASES, { minLength: 1 }), fc.integer({ min: 60, max: 600 }))
    .map<AgendaCommand>(([phases, seconds]) => ({
      type: "agenda.set",
      phases: phases.map((p) => ({ ...p, plannedSeconds: seconds })),
    })),
  fc.integer({ min: 1, max: 3 }).map<AgendaCommand>((n) => ({ type: "agenda.startPhase", phaseId: id(n) })),
  fc.constant<AgendaCommand>({ type: "agenda.nextPhase" }),
  fc.integer({ min: 1, max: 120_000 }).map<AgendaCommand>((ms) => ({ type: "agenda.extendPhase", ms })),
  fc.constant<AgendaCommand>({ type: "agenda.pause" }),
  fc.constant<AgendaCommand>({ type: "agenda.resume" }),
  fc.constant<AgendaCommand>({ type: "agenda.end" }),
  fc
    .record({
      who: fc.subarray(MEMBERS.map((_, i) => i), { minLength: 0 }),
      absent: fc.subarray(MEMBERS.map((_, i) => i)),
      order: fc.constantFrom("fixed", "shuffled", "custom" as const),
      seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      turnMs: fc.integer({ min: 10_000, max: 120_000 }),
      autoAdvance: fc.boolean(),
      addLateJoiners: fc.boolean(),
    })
    .map<AgendaCommand>((r) => ({
      type: "round.start",
      roundId: id(700 + r.seed % 100),
      speakers: r.who.map((i) => ({ ...MEMBERS[i]!, present: !r.absent.includes(i) })),
      order: r.order,
      seed: r.seed,
      turnMs: r.turnMs,
      autoAdvance: r.autoAdvance,
      addLateJoiners: r.addLateJoiners,
    })),
  fc.constantFrom<AgendaCommand>(
    { type: "round.next" },
    { type: "round.skip" },
    { type: "round.back" },
    { type: "round.end" },
  ),
  fc.integer({ min: 1, max: 120_000 }).map<AgendaCommand>((ms) => ({ type: "round.extend", ms })),
  member.map<AgendaCommand>((i) => ({ type: "round.pass", membershipId: MEMBERS[i]!.membershipId })),
  fc.tuple(member, fc.boolean()).map<AgendaCommand>(([i, present]) => ({
    type: "round.add",
    speaker: { ...MEMBERS[i]!, present },
  })),
  fc.tuple(member, fc.boolean()).map<AgendaCommand>(([i, lateJoiner]) => ({
    type: "member.joined",
    ...MEMBERS[i]!,
    lateJoiner,
  })),
  member.map<AgendaCommand>((i) => ({ type: "member.left", membershipId: MEMBERS[i]!.membershipId })),
);
/** Round commands, joins and leaves again, weighted up: they are where the invariants bite. */
const roundCommand: fc.Arbitrary<AgendaCommand> = fc.oneof(
  fc.constantFrom<AgendaCommand>(
    { type: "round.next" },
    { type: "round.skip" },
    { type: "round.back" },
    { type: "agenda.pause" },
    { type: "agenda.resume" },
  ),
  fc.integer({ min: 1, max: 120_000 }).map<AgendaCommand>((ms) => ({ type: "round.extend", ms })),
  member.map<AgendaCommand>((i) => ({ type: "round.pass", membershipId: MEMBERS[i]!.membershipId })),
  fc.tuple(member, fc.boolean()).map<AgendaCommand>(([i, lateJoiner]) => ({
    type: "member.joined",
    ...MEMBERS[i]!,
    lateJoiner,
  })),
  member.map<AgendaCommand>((i) => ({ type: "member.left", membershipId: MEMBERS[i]!.membershipId })),
  // The current phase edited shorter or longer while it runs (or is paused).
  fc.integer({ min: 60, max: 600 }).map<AgendaCommand>((seconds) => ({
    type: "agenda.set",
    phases: PHASES.map((p) => ({ ...p, plannedSeconds: seconds })),
  })),
);
/** Server time mostly moves forward, by up to 2 turns; now and then it steps back a little. */
const step = fc.oneof(
  { weight: 9, arbitrary: fc.integer({ min: 0, max: 60_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: -2_000, max: 0 }) },
);
/** Every script starts in a running round of five; then anything may happen. */
const PRELUDE: AgendaCommand[] = [
  { type: "agenda.set", phases: PHASES },
  { type: "agenda.startPhase", phaseId: id(1) },
  {
    type: "round.start",
    roundId: id(600),
    speakers: MEMBERS.slice(0, 5).map((m) => ({ ...m, present: true })),
    order: "fixed",
    seed: 1,
    turnMs: 30_000,
    autoAdvance: true,
    addLateJoiners: true,
  },
];
const script = fc
  .array(
    fc.tuple(step, fc.oneof({ weight: 1, arbitrary: command }, { weight: 2, arbitrary: roundCommand }), fc.boolean()),
    { maxLength: 60 },
  )
  .map((steps) => [...PRELUDE.map((cmd) => [0, cmd, false] as [number, AgendaCommand, boolean]), ...steps]);

function checkTimer(timer: Timer, now: number, monotonicNow: boolean): void {
  expect(Number.isInteger(timer.running ? timer.deadline : timer.remainingMs)).toBe(true);
  if (timer.running) {
    // A deadline is a server timestamp: the countdown began at or before the server's now.
    if (monotonicNow) expect(timer.deadline - timer.durationMs).toBeLessThanOrEqual(now);
  } else {
    expect(timer.remainingMs).toBeGreaterThanOrEqual(0);
    expect(timer.overtimeMs).toBeGreaterThanOrEqual(0);
    expect(timer.remainingMs > 0 && timer.overtimeMs > 0).toBe(false);
  }
}

function checkInvariants(state: AgendaState, now: number, monotonicNow: boolean): void {
  // The wire schema holds: ints, no negative remaining/overtime, bounded lists.
  AgendaState.parse(state);
  if (state.current) checkTimer(state.current.timer, now, monotonicNow);
  if (state.paused) expect(state.current).not.toBeNull();
  const round = state.round;
  if (!round) return;
  const ids = round.speakers.map((s) => s.membershipId);
  expect(new Set(ids).size).toBe(ids.length);
  if (round.status === "running") {
    // Exactly one speaker: a present one, with a countdown.
    expect(round.current).not.toBeNull();
    const speaker = round.speakers[round.current!];
    expect(speaker?.present).toBe(true);
    expect(speaker?.outcome).toBe("pending");
    expect(round.turn).not.toBeNull();
    checkTimer(round.turn!, now, monotonicNow);
    expect(round.turn!.running).toBe(!state.paused);
  } else {
    expect(round.current).toBeNull();
    expect(round.turn).toBeNull();
  }
  expect(round.phaseId).toBe(state.current?.phaseId);
}

describe("agenda state machine under random use", () => {
  it("keeps one speaker or none, a permutation of the round's participants, no negative time", () => {
    fc.assert(
      fc.property(script, (steps) => {
        let state = initialAgendaState();
        let now = T0;
        let monotonic = true;
        let roundId: string | null = null;
        let everyone = new Set<string>();
        for (const [dt, cmd, tickFirst] of steps) {
          now += dt;
          if (dt < 0) monotonic = false;
          if (tickFirst) state = tick(state, now);
          const result = apply(state, cmd, now);
          if (!result.error) state = result.state;
          checkInvariants(state, now, monotonic);
          // The speaking order is a permutation of everyone who was ever in this round: nobody
          // is dropped, nobody appears twice.
          const round = state.round;
          if (round && round.id === roundId) {
            const ids = new Set(round.speakers.map((s) => s.membershipId));
            for (const member of everyone) expect(ids.has(member)).toBe(true);
            everyone = ids;
          } else {
            roundId = round?.id ?? null;
            everyone = new Set(round?.speakers.map((s) => s.membershipId) ?? []);
          }
          // tick catches up completely: nothing due is left behind.
          const deadline = nextDeadline(tick(state, now));
          if (deadline !== null) expect(deadline).toBeGreaterThan(now);
        }
      }),
      { numRuns: 400 },
    );
  }, PROPERTY_BUDGET_MS);

  it("pause then resume, however long apart, conserves the phase's and the turn's time", () => {
    fc.assert(
      fc.property(
        script,
        fc.integer({ min: 0, max: 600_000 }),
        fc.integer({ min: 0, max: 24 * 3_600_000 }),
        (steps, pauseAfter, pausedFor) => {
          let state = initialAgendaState();
          let now = T0;
          for (const [dt, cmd] of steps) {
            now += Math.max(0, dt);
            const result = apply(state, cmd, now);
            if (!result.error) state = result.state;
          }
          if (!state.current || state.paused) return;
          const pauseAt = now + pauseAfter;
          const before = tick(state, pauseAt);
          const paused = apply(state, { type: "agenda.pause" }, pauseAt);
          if (paused.error) throw new Error(paused.error.code);
          const resumeAt = pauseAt + pausedFor;
          expect(tick(paused.state, resumeAt)).toBe(paused.state);
          const resumed = apply(paused.state, { type: "agenda.resume" }, resumeAt);
          if (resumed.error) throw new Error(resumed.error.code);
          const after = resumed.state;
          expect(signedRemaining(after.current!.timer, resumeAt)).toBe(
            signedRemaining(before.current!.timer, pauseAt),
          );
          expect(after.round?.current).toBe(before.round?.current);
          if (before.round?.turn) {
            expect(signedRemaining(after.round!.turn!, resumeAt)).toBe(
              signedRemaining(before.round.turn, pauseAt),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  }, PROPERTY_BUDGET_MS);

  it("a server that was down catches up to the same state as one that ticked all along", () => {
    fc.assert(
      fc.property(script, fc.array(fc.integer({ min: 1, max: 90_000 }), { minLength: 1, maxLength: 30 }), (steps, gaps) => {
        let state = initialAgendaState();
        let now = T0;
        for (const [dt, cmd] of steps) {
          now += Math.max(0, dt);
          const result = apply(state, cmd, now);
          if (!result.error) state = result.state;
        }
        let ticking = state;
        let at = now;
        for (const gap of gaps) {
          at += gap;
          ticking = tick(ticking, at);
        }
        expect(tick(state, at)).toEqual(ticking);
      }),
      { numRuns: 300 },
    );
  }, PROPERTY_BUDGET_MS);
});
