import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { MemberRole } from "@piiri/protocol/groups";
import type { SessionStatus } from "@piiri/protocol/sessions";
import type { AdmissionStatus } from "./live-admission.ts";
import {
  CLOSE_GRACE_MINUTES,
  candidateStarts,
  groupContentStanding,
  maySeeSessionContent,
  opensOnEntry,
  sessionOpening,
  standingIn,
  type SessionHours,
  type Standing,
  type StandingFacts,
} from "./session-access.ts";

const MINUTE = 60_000;
// Any instant: the rule depends only on differences from the session's start.
const START = new Date(Date.UTC(2031, 4, 6, 7, 0));
const at = (minutesFromStart: number) => new Date(START.getTime() + minutesFromStart * MINUTE);
const session = (status: SessionStatus = "scheduled"): SessionHours => ({
  startsAt: START,
  durationMinutes: 90,
  status,
});
const facts = (overrides: Partial<StandingFacts> = {}): StandingFacts => ({
  role: "participant",
  session: session(),
  admission: null,
  lobbyEnabled: false,
  opensBeforeMinutes: 15,
  ...overrides,
});

describe("sessionOpening", () => {
  it("opens the window before the start, closes after the end plus the grace", () => {
    expect(sessionOpening(session(), 15, at(-60 * 24 * 21))).toEqual({
      kind: "notYet",
      opensAt: at(-15),
    });
    expect(sessionOpening(session(), 15, at(-15.01)).kind).toBe("notYet");
    expect(sessionOpening(session(), 15, at(-15))).toEqual({
      kind: "open",
      closesAt: at(90 + CLOSE_GRACE_MINUTES),
    });
    expect(sessionOpening(session(), 15, at(45)).kind).toBe("open");
    expect(sessionOpening(session(), 15, at(90 + CLOSE_GRACE_MINUTES - 0.01)).kind).toBe("open");
    expect(sessionOpening(session(), 15, at(90 + CLOSE_GRACE_MINUTES)).kind).toBe("over");
  });

  it("with a window of 0 opens at the start", () => {
    expect(sessionOpening(session(), 0, at(-0.01)).kind).toBe("notYet");
    expect(sessionOpening(session(), 0, at(0)).kind).toBe("open");
  });

  it("is open at any time before its close once a supervisor opened it", () => {
    expect(sessionOpening(session("open"), 15, at(-60 * 24 * 21)).kind).toBe("open");
    expect(sessionOpening(session("open"), 15, at(90 + CLOSE_GRACE_MINUTES)).kind).toBe("over");
  });

  it("is over for ended and cancelled sessions, whenever", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<SessionStatus>("ended", "cancelled"),
        fc.integer({ min: -100_000, max: 100_000 }),
        (status, minutes) => {
          expect(sessionOpening(session(status), 15, at(minutes)).kind).toBe("over");
        },
      ),
    );
  });
});

const role = fc.constantFrom<MemberRole>("supervisor", "cosupervisor", "participant");
const admission = fc.constantFrom<AdmissionStatus | null>(
  null,
  "waiting",
  "admitted",
  "declined",
  "removed",
);
const status = fc.constantFrom<SessionStatus>("scheduled", "open", "ended", "cancelled");

describe("standingIn", () => {
  it("keeps a participant out of a session weeks away, lets them in within the window", () => {
    expect(standingIn(facts(), at(-60 * 24 * 21))).toEqual({ kind: "notYet", opensAt: at(-15) });
    expect(standingIn(facts(), at(-10))).toEqual({ kind: "in" });
    expect(standingIn(facts({ lobbyEnabled: true }), at(-10))).toEqual({ kind: "lobby" });
    expect(standingIn(facts({ lobbyEnabled: true, admission: "admitted" }), at(-10))).toEqual({
      kind: "in",
    });
    expect(standingIn(facts({ session: session("open") }), at(-60 * 24 * 21))).toEqual({
      kind: "in",
    });
    expect(standingIn(facts(), at(90 + CLOSE_GRACE_MINUTES))).toEqual({ kind: "over" });
  });

  it("lets supervisors and co-supervisors into any joinable session at any time", () => {
    for (const leader of ["supervisor", "cosupervisor"] as const) {
      expect(standingIn(facts({ role: leader }), at(-60 * 24 * 21))).toEqual({ kind: "in" });
      expect(standingIn(facts({ role: leader, lobbyEnabled: true }), at(0)).kind).toBe("in");
      expect(standingIn(facts({ role: leader, session: session("ended") }), at(0)).kind).toBe(
        "over",
      );
    }
  });

  it("never lets a participant in who was removed, or into a session that is not open", () => {
    fc.assert(
      fc.property(
        admission,
        status,
        fc.boolean(),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: -100_000, max: 100_000 }),
        (current, sessionStatus, lobbyEnabled, opensBeforeMinutes, minutes) => {
          const input = facts({
            admission: current,
            session: session(sessionStatus),
            lobbyEnabled,
            opensBeforeMinutes,
          });
          const standing = standingIn(input, at(minutes));
          const opening = sessionOpening(input.session, opensBeforeMinutes, at(minutes));
          if (standing.kind === "in") {
            expect(current).not.toBe("removed");
            expect(opening.kind).toBe("open");
            if (lobbyEnabled) expect(current).toBe("admitted");
          }
          expect(maySeeSessionContent("participant", standing)).toBe(standing.kind === "in");
        },
      ),
    );
  });
});

describe("opensOnEntry", () => {
  it("a supervisor or co-supervisor entering a scheduled session opens it, a participant never", () => {
    expect(opensOnEntry("supervisor", session(), at(-60 * 24 * 21))).toBe(true);
    expect(opensOnEntry("cosupervisor", session(), at(0))).toBe(true);
    expect(opensOnEntry("participant", session(), at(0))).toBe(false);
    expect(opensOnEntry("supervisor", session("open"), at(0))).toBe(false);
    expect(opensOnEntry("supervisor", session("ended"), at(0))).toBe(false);
    expect(opensOnEntry("supervisor", session(), at(90 + CLOSE_GRACE_MINUTES))).toBe(false);
  });
});

describe("groupContentStanding", () => {
  const notYet = (minutes: number): Standing => ({ kind: "notYet", opensAt: at(minutes) });
  it("gives a participant the group's content only while in one of its sessions", () => {
    expect(groupContentStanding("participant", [])).toEqual({ kind: "over" });
    expect(groupContentStanding("participant", [{ kind: "over" }, { kind: "in" }])).toEqual({
      kind: "in",
    });
    expect(
      groupContentStanding("participant", [notYet(30), { kind: "lobby" }, { kind: "removed" }]),
    ).toEqual({ kind: "removed" });
    expect(groupContentStanding("participant", [notYet(30), { kind: "lobby" }])).toEqual({
      kind: "lobby",
    });
    expect(groupContentStanding("participant", [notYet(30), notYet(10), notYet(20)])).toEqual(
      notYet(10),
    );
  });

  it("gives supervisors and co-supervisors the content always", () => {
    fc.assert(
      fc.property(role, (who) => {
        expect(groupContentStanding(who, []).kind === "in").toBe(who !== "participant");
      }),
    );
  });
});

describe("candidateStarts", () => {
  it("covers every session that sessionOpening could call open now", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 15, max: 480 }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: -100_000, max: 100_000 }),
        (durationMinutes, opensBeforeMinutes, minutes) => {
          const now = at(minutes);
          const hours: SessionHours = { startsAt: START, durationMinutes, status: "scheduled" };
          if (sessionOpening(hours, opensBeforeMinutes, now).kind !== "open") return;
          const { startsAfter, startsBefore } = candidateStarts(now);
          expect(START.getTime()).toBeGreaterThanOrEqual(startsAfter.getTime());
          expect(START.getTime()).toBeLessThanOrEqual(startsBefore.getTime());
        },
      ),
    );
  });
});
