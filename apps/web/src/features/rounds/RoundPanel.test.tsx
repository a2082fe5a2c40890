import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AgendaState, Round } from "@piiri/protocol/rounds";
import { RoundPanel } from "./RoundPanel.tsx";
import { RoundsContext, type RoundsContextValue } from "./RoundsContext.tsx";

const SESSION = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const OLLI = "0b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d32";
const PIA = "0b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d33";
const ANNA = "0b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d31";
const VILLE = "0b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d34";
const PHASE = "1b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d30";
const SERVER_NOW = 1_800_000_000_000;

function agenda(round: Round | null, phaseKind: "round" | "listen" = "round"): AgendaState {
  return {
    phases: [
      {
        id: PHASE,
        key: "groupSupervision.checkIn",
        title: null,
        kind: phaseKind,
        plannedSeconds: 900,
        presenterId: PIA,
      },
    ],
    status: "running",
    current: {
      phaseId: PHASE,
      timer: { running: true, deadline: SERVER_NOW + 600_000, durationMs: 900_000 },
    },
    paused: false,
    round,
  };
}

const runningRound: Round = {
  id: "2b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d30",
  phaseId: PHASE,
  order: "fixed",
  turnMs: 60_000,
  autoAdvance: true,
  addLateJoiners: true,
  speakers: [
    { membershipId: OLLI, displayName: "Olli Ojala", present: true, outcome: "pending" },
    { membershipId: PIA, displayName: "Pia Pohjola", present: true, outcome: "pending" },
  ],
  current: 0,
  turn: { running: true, deadline: SERVER_NOW + 42_000, durationMs: 60_000 },
  turnNumber: 1,
  status: "running",
};

function renderPanel(overrides: Partial<RoundsContextValue> & { state: AgendaState }) {
  const send = vi.fn<RoundsContextValue["send"]>().mockResolvedValue(null);
  const { state, ...rest } = overrides;
  const listening = state.phases[0]?.kind === "listen" ? [PIA] : [];
  const value: RoundsContextValue = {
    sessionId: SESSION,
    snapshot: {
      version: 1,
      state,
      spotlight: {
        speakerId: state.round?.speakers[state.round.current ?? -1]?.membershipId ?? null,
        listeningIds: listening,
      },
    },
    // A client whose own clock is far off: only the server's time matters.
    clock: { now: () => SERVER_NOW + (Date.now() - START), synced: true },
    present: [
      { membershipId: ANNA, displayName: "Anna Ohjaaja", role: "supervisor" },
      { membershipId: OLLI, displayName: "Olli Ojala", role: "participant" },
      { membershipId: PIA, displayName: "Pia Pohjola", role: "participant" },
      { membershipId: VILLE, displayName: "Ville Virtanen", role: "participant" },
    ],
    myMembershipId: PIA,
    canFacilitate: false,
    send,
    ...rest,
  };
  const view = render(
    <RoundsContext value={value}>
      <RoundPanel />
    </RoundsContext>,
  );
  return { send, view, value };
}

let START = 0;
beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2001-01-01T00:00:00Z") });
  START = Date.now();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("RoundPanel", () => {
  it("shows everyone the speaker, who is next and the speaker's time from the server's deadline", () => {
    renderPanel({ state: agenda(runningRound) });
    expect(screen.getByTestId("round-speaker").textContent).toBe("Olli Ojala");
    expect(screen.getByTestId("round-next").textContent).toBe("Pia Pohjola");
    expect(screen.getByTestId("round-time").textContent).toMatch(/0:42$/);
    act(() => {
      vi.advanceTimersByTime(2_001);
    });
    expect(screen.getByTestId("round-time").textContent).toMatch(/0:40$/);
    // A participant who is not speaking has no controls.
    expect(screen.queryByRole("group", { name: "Kierroksen ohjaus" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Ohitan vuoroni" })).toBeNull();
  });

  it("announces the turn politely, then the last 30 seconds, then shows over-time", () => {
    renderPanel({ state: agenda(runningRound) });
    const live = screen.getByRole("status");
    expect(live.getAttribute("aria-live")).toBe("polite");
    expect(live.textContent).toBe("Puheenvuorossa nyt Olli Ojala. Seuraavana Pia Pohjola.");
    act(() => {
      vi.advanceTimersByTime(12_100);
    });
    expect(live.textContent).toBe("30 sekuntia jäljellä.");
    act(() => {
      vi.advanceTimersByTime(30_000);
    });
    expect(live.textContent).toBe("Puheenvuoron aika on täynnä.");
    act(() => {
      vi.advanceTimersByTime(5_000);
    });
    expect(screen.getByTestId("round-time").textContent).toMatch(/\+0:05$/);
  });

  it("lets the speaker pass, and only the speaker", () => {
    const { send } = renderPanel({
      state: agenda({ ...runningRound, current: 1 }),
    });
    expect(screen.getByText("Sinun vuorosi")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Ohitan vuoroni" }));
    expect(send).toHaveBeenCalledWith({ type: "round.pass", sessionId: SESSION });
  });

  it("gives the supervisor the controls, each sending its request", async () => {
    const { send } = renderPanel({
      state: agenda(runningRound),
      myMembershipId: ANNA,
      canFacilitate: true,
    });
    const controls = screen.getByRole("group", { name: "Kierroksen ohjaus" });
    const click = async (name: string) => {
      await act(async () => {
        fireEvent.click(within(controls).getByRole("button", { name }));
        await Promise.resolve();
      });
    };
    await click("Ohita Olli Ojala");
    await click("+1 min puhujalle");
    await click("Edellinen puhuja");
    await click("Pysäytä");
    await click("Seuraava puhuja");
    await click("Päätä kierros");
    expect(send.mock.calls.map(([message]) => message.type)).toEqual([
      "round.skip",
      "round.extend",
      "round.back",
      "agenda.pause",
      "round.next",
      "round.end",
    ]);
  });

  it("adds a late joiner who is present but not in the round", async () => {
    const { send } = renderPanel({
      state: agenda(runningRound),
      myMembershipId: ANNA,
      canFacilitate: true,
    });
    const who = screen.getByRole("combobox", { name: "Lisättävä" });
    expect([...who.querySelectorAll("option")].map((o) => o.textContent)).toEqual([
      "Anna Ohjaaja",
      "Ville Virtanen",
    ]);
    fireEvent.change(who, { target: { value: VILLE } });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Lisää kierrokselle" }));
      await Promise.resolve();
    });
    expect(send).toHaveBeenCalledWith({
      type: "round.add",
      sessionId: SESSION,
      membershipId: VILLE,
    });
  });

  it("shows a refusal in words, from its code", async () => {
    const { send } = renderPanel({
      state: agenda(runningRound),
      myMembershipId: ANNA,
      canFacilitate: true,
    });
    const { ApiError } = await import("../../lib/apiError.ts");
    send.mockResolvedValueOnce(new ApiError(0, "NO_PREVIOUS_SPEAKER"));
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Edellinen puhuja" }));
      await Promise.resolve();
    });
    expect(screen.getByRole("alert").textContent).toContain("Edellistä puhujaa ei ole.");
  });

  it("mutes the end-of-turn sound for this person, and remembers it", () => {
    const { view } = renderPanel({ state: agenda(runningRound) });
    const toggle = screen.getByRole("button", { name: "Äänimerkki päällä" });
    expect(toggle.getAttribute("aria-pressed")).toBe("true");
    fireEvent.click(toggle);
    expect(
      screen.getByRole("button", { name: "Äänimerkki mykistetty" }).getAttribute("aria-pressed"),
    ).toBe("false");
    view.unmount();
    renderPanel({ state: agenda(runningRound) });
    expect(screen.getByRole("button", { name: "Äänimerkki mykistetty" })).toBeTruthy();
  });

  it("marks the presenter as listening in a listen-only phase", () => {
    renderPanel({ state: agenda(null, "listen") });
    expect(screen.getByTestId("listen-only-marker").textContent).toContain("Kuuntelet");
  });

  it("shows a paused turn standing still", () => {
    const paused: Round = {
      ...runningRound,
      turn: { running: false, remainingMs: 15_000, overtimeMs: 0, durationMs: 60_000 },
    };
    renderPanel({ state: { ...agenda(paused), paused: true } });
    expect(screen.getByTestId("round-time").textContent).toMatch(/0:15$/);
    act(() => {
      vi.advanceTimersByTime(10_000);
    });
    expect(screen.getByTestId("round-time").textContent).toMatch(/0:15$/);
    expect(screen.getByText("Pysäytetty")).toBeTruthy();
  });
});
