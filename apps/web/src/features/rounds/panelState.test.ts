import i18next from "i18next";
import { describe, expect, it } from "vitest";
import type { PresenceParticipant } from "@piiri/protocol/realtime";
import type { AgendaPhase, AgendaState, AgendaStateEvent, Round } from "@piiri/protocol/rounds";
import {
  draftFrom,
  moveDraft,
  newDraftPhase,
  phasesFromDraft,
  totalMinutes,
} from "./agendaDraft.ts";
import { nextSnapshot } from "./agendaSnapshot.ts";
import { phaseTitle } from "./phaseTitle.ts";
import { mergeEntries, roundStartMessage, turnSeconds } from "./roundSetupState.ts";
import { crossedMark, turnChange, turnMarker } from "./turnCues.ts";

const SESSION = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const ids = {
  anna: "0b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d31",
  olli: "0b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d32",
  pia: "0b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d33",
  ville: "0b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d34",
};
const phaseId = "1b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d30";

const present: PresenceParticipant[] = [
  { membershipId: ids.anna, displayName: "Anna", role: "supervisor" },
  { membershipId: ids.olli, displayName: "Olli", role: "participant" },
  { membershipId: ids.pia, displayName: "Pia", role: "participant" },
];

function round(overrides: Partial<Round> = {}): Round {
  return {
    id: "2b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d30",
    phaseId,
    order: "fixed",
    turnMs: 60_000,
    autoAdvance: true,
    addLateJoiners: true,
    speakers: [
      { membershipId: ids.olli, displayName: "Olli", present: true, outcome: "pending" },
      { membershipId: ids.pia, displayName: "Pia", present: true, outcome: "pending" },
    ],
    current: 0,
    turn: { running: true, deadline: 1_000, durationMs: 60_000 },
    turnNumber: 1,
    status: "running",
    ...overrides,
  };
}

function state(r: Round | null): AgendaState {
  return {
    phases: [],
    status: "running",
    current: { phaseId, timer: { running: true, deadline: 5_000, durationMs: 900_000 } },
    paused: false,
    round: r,
  };
}

describe("round setup", () => {
  it("ticks participants, not the supervisor nor a listening presenter, and keeps the arrangement", () => {
    const first = mergeEntries([], present, [ids.pia]);
    expect(first.map((e) => [e.displayName, e.included])).toEqual([
      ["Anna", false],
      ["Olli", true],
      ["Pia", false],
    ]);
    // The supervisor reorders and ticks; Olli leaves and Ville arrives.
    const arranged = [first[2], first[0], first[1]].map((e) => ({ ...e!, included: true }));
    const later = mergeEntries(arranged, [
      ...present.filter((p) => p.membershipId !== ids.olli),
      { membershipId: ids.ville, displayName: "Ville", role: "participant" },
    ]);
    expect(later.map((e) => [e.displayName, e.included])).toEqual([
      ["Pia", true],
      ["Anna", true],
      ["Ville", true],
    ]);
    // Nothing changed: the same array comes back (no needless re-render).
    expect(
      mergeEntries(later, [
        ...present.slice(0, 1),
        present[2]!,
        { membershipId: ids.ville, displayName: "Ville", role: "participant" },
      ]),
    ).toBe(later);
  });

  it("reads the turn length from minutes and seconds within the protocol's limits", () => {
    expect(turnSeconds({ minutes: "2", seconds: "0" })).toBe(120);
    expect(turnSeconds({ minutes: "0", seconds: "10" })).toBe(10);
    expect(turnSeconds({ minutes: "", seconds: "45" })).toBe(45);
    expect(turnSeconds({ minutes: "0", seconds: "9" })).toBeNull();
    expect(turnSeconds({ minutes: "61", seconds: "0" })).toBeNull();
    expect(turnSeconds({ minutes: "1", seconds: "60" })).toBeNull();
    expect(turnSeconds({ minutes: "1.5", seconds: "0" })).toBeNull();
    expect(turnSeconds({ minutes: "-1", seconds: "30" })).toBeNull();
  });

  it("builds round.start with the ticked people in the shown order, or says what is missing", () => {
    const entries = mergeEntries([], present);
    const values = {
      order: "custom" as const,
      entries,
      turn: { minutes: "1", seconds: "30" },
      autoAdvance: false,
      addLateJoiners: true,
    };
    expect(roundStartMessage(SESSION, values)).toEqual({
      message: {
        type: "round.start",
        sessionId: SESSION,
        participants: [ids.olli, ids.pia],
        order: "custom",
        turnSeconds: 90,
        autoAdvance: false,
        addLateJoiners: true,
      },
    });
    expect(roundStartMessage(SESSION, { ...values, turn: { minutes: "0", seconds: "5" } })).toEqual(
      {
        problem: "turn",
      },
    );
    expect(
      roundStartMessage(SESSION, {
        ...values,
        entries: entries.map((e) => ({ ...e, included: false })),
      }),
    ).toEqual({ problem: "nobody" });
  });
});

describe("agenda editing", () => {
  const t = i18next.t.bind(i18next);
  const templatePhase: AgendaPhase = {
    id: phaseId,
    key: "groupSupervision.checkIn",
    title: null,
    kind: "round",
    plannedSeconds: 900,
    presenterId: null,
  };

  it("names template phases by key in the UI language and prefers a person's own title", async () => {
    expect(phaseTitle(t, templatePhase)).toBe("Alkukierros");
    await i18next.changeLanguage("en");
    expect(phaseTitle(t, templatePhase)).toBe("Check-in round");
    expect(phaseTitle(t, { key: "groupSupervision.checkIn", title: "Kuulumiset" })).toBe(
      "Kuulumiset",
    );
    expect(phaseTitle(t, { key: "someday.unknownKey", title: null })).toBe("Untitled phase");
  });

  it("keeps an untouched template title as a key, saves edits as own titles", () => {
    const rows = draftFrom([templatePhase], (p) => phaseTitle(t, p));
    expect(phasesFromDraft(rows)).toEqual({
      phases: [
        {
          id: phaseId,
          key: "groupSupervision.checkIn",
          title: null,
          kind: "round",
          plannedSeconds: 900,
          presenterId: null,
        },
      ],
    });
    const edited = [{ ...rows[0]!, title: "Kuulumiskierros", titleEdited: true, minutes: "20" }];
    expect(phasesFromDraft(edited)).toEqual({
      phases: [
        {
          id: phaseId,
          key: "groupSupervision.checkIn",
          title: "Kuulumiskierros",
          kind: "round",
          plannedSeconds: 1200,
          presenterId: null,
        },
      ],
    });
  });

  it("adds, moves and checks phases; a new phase has no id until the server gives one", () => {
    const rows = [...draftFrom([templatePhase], () => "Alkukierros"), newDraftPhase("Uusi vaihe")];
    const moved = moveDraft(rows, 1, 0);
    expect(moved.map((r) => r.title)).toEqual(["Uusi vaihe", "Alkukierros"]);
    expect(totalMinutes(moved)).toBe(25);
    const result = phasesFromDraft(moved);
    expect("phases" in result && result.phases[0]).toEqual({
      key: null,
      title: "Uusi vaihe",
      kind: "open",
      plannedSeconds: 600,
      presenterId: null,
    });
    const bad = [
      { ...moved[0]!, title: "  " },
      { ...moved[1]!, minutes: "0" },
    ];
    expect(phasesFromDraft(bad)).toEqual({
      problems: { [moved[0]!.rowId]: "title", [moved[1]!.rowId]: "minutes" },
    });
  });
});

describe("agenda snapshots", () => {
  const event = (version: number, r: Round | null): AgendaStateEvent => ({
    type: "agenda.state",
    sessionId: SESSION,
    version,
    serverNow: 0,
    state: state(r),
    spotlight: { speakerId: null, listeningIds: [] },
  });

  it("takes newer or equal versions, drops older ones and other sessions' states", () => {
    const first = nextSnapshot(null, event(3, null), SESSION);
    expect(first?.version).toBe(3);
    expect(nextSnapshot(first, event(2, round()), SESSION)).toBe(first);
    expect(nextSnapshot(first, event(3, round()), SESSION)?.state.round).not.toBeNull();
    expect(nextSnapshot(first, { ...event(9, null), sessionId: ids.anna }, SESSION)).toBe(first);
  });
});

describe("turn cues", () => {
  it("announces a new turn, the first state seen, and the end of the round, once each", () => {
    const one = turnMarker(state(round()));
    expect(turnChange(null, one)).toEqual({ kind: "turn", speakerId: ids.olli, nextId: ids.pia });
    expect(turnChange(one, one)).toEqual({ kind: "none" });
    const two = turnMarker(state(round({ current: 1, turnNumber: 2 })));
    expect(turnChange(one, two)).toEqual({ kind: "turn", speakerId: ids.pia, nextId: null });
    const ended = turnMarker(
      state(round({ current: null, turn: null, status: "ended", turnNumber: 2 })),
    );
    expect(turnChange(two, ended)).toEqual({ kind: "ended" });
    expect(turnChange(ended, ended)).toEqual({ kind: "none" });
    expect(turnChange(null, ended)).toEqual({ kind: "none" });
  });

  it("skips absent speakers when naming who is next", () => {
    const r = round({
      speakers: [
        { membershipId: ids.olli, displayName: "Olli", present: true, outcome: "pending" },
        { membershipId: ids.ville, displayName: "Ville", present: false, outcome: "pending" },
        { membershipId: ids.pia, displayName: "Pia", present: true, outcome: "pending" },
      ],
    });
    expect(turnMarker(state(r))?.nextId).toBe(ids.pia);
  });

  it("reacts only to crossings: into the last 30 seconds, and to zero", () => {
    expect(crossedMark(31_000, 30_000)).toBe("lastSeconds");
    expect(crossedMark(30_000, 29_000)).toBeNull();
    expect(crossedMark(1_000, 0)).toBe("timeUp");
    expect(crossedMark(0, -1_000)).toBeNull();
    expect(crossedMark(null, 10_000)).toBeNull(); // joined late: no stale "30 seconds"
    expect(crossedMark(45_000, -500)).toBe("timeUp");
  });
});
