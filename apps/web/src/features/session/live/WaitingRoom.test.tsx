import { fireEvent, render, screen } from "@testing-library/react";
import i18next from "i18next";
import { MemoryRouter } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { WaitingRoom } from "./WaitingRoom.tsx";

function renderRoom(
  admission: Parameters<typeof WaitingRoom>[0]["admission"],
  reconnecting = false,
  opensAt: string | null = null,
) {
  const onKnockAgain = vi.fn();
  const onLeave = vi.fn();
  render(
    <MemoryRouter>
      <WaitingRoom
        admission={admission}
        opensAt={opensAt}
        groupId="3b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e"
        groupName="Tiimi Aurora"
        onKnockAgain={onKnockAgain}
        onLeave={onLeave}
        reconnecting={reconnecting}
      />
    </MemoryRouter>,
  );
  return { onKnockAgain, onLeave };
}

describe("WaitingRoom", () => {
  it("waits calmly, and the person may leave", () => {
    const { onLeave } = renderRoom("waiting");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Odotat pääsyä tapaamiseen");
    expect(screen.getByRole("status").textContent).toBe("Odotetaan työnohjaajaa");
    fireEvent.click(screen.getByRole("button", { name: "Poistu" }));
    expect(onLeave).toHaveBeenCalledOnce();
  });

  it("says when the line dropped while waiting", () => {
    renderRoom("waiting", true);
    expect(screen.getByRole("status").textContent).toMatch(/Yhdistetään uudelleen/);
  });

  it("after a decline offers to ask again, and the way back", () => {
    const { onKnockAgain } = renderRoom("declined");
    fireEvent.click(screen.getByRole("button", { name: "Pyydä pääsyä uudelleen" }));
    expect(onKnockAgain).toHaveBeenCalledOnce();
    expect(screen.getByRole("link", { name: "Takaisin ryhmän sivulle" }).getAttribute("href")).toBe(
      "/groups/3b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e",
    );
  });

  it("before the session opens says when it opens, that it lets the person in by itself", () => {
    const opensAt = new Date();
    opensAt.setHours(9, 45, 0, 0);
    const { onLeave } = renderRoom("notOpen", false, opensAt.toISOString());
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(
      "Tapaaminen ei ole vielä alkanut",
    );
    expect(
      screen.getByText(/^Tapaaminen avautuu klo 9\.45 tai heti, kun työnohjaaja/),
    ).toBeTruthy();
    expect(screen.getByRole("status").textContent).toBe("Odotetaan tapaamisen avautumista");
    fireEvent.click(screen.getByRole("button", { name: "Poistu" }));
    expect(onLeave).toHaveBeenCalledOnce();
  });

  it("a session whose time is over leads back to the group", () => {
    renderRoom("closed");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Tapaaminen on päättynyt");
    expect(screen.getByRole("link", { name: "Takaisin ryhmän sivulle" })).toBeTruthy();
  });

  it("a removed person gets no way back in", () => {
    renderRoom("removed");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(
      "Sinut poistettiin tapaamisesta",
    );
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("speaks English when chosen", async () => {
    await i18next.changeLanguage("en");
    renderRoom("ended");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("The session has ended");
  });
});
