import { render, screen } from "@testing-library/react";
import type { ReactNode } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { NamedTile, NamesContext } from "./NamedTile.tsx";

const ANNA = "0b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e";
const VILLE = "1b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e";

const track = vi.hoisted(() => {
  const ref: { current: { participant: { identity: string; isLocal: boolean } } } = {
    current: { participant: { identity: "", isLocal: false } },
  };
  return ref;
});
vi.mock("@livekit/components-react", () => ({
  useTrackRefContext: () => track.current,
  isTrackReference: () => false,
  ParticipantTile: ({ children }: { children?: ReactNode }) => (
    <div data-testid="tile">{children}</div>
  ),
  VideoTrack: () => null,
}));

function renderTile(identity: string, isLocal = false) {
  track.current = { participant: { identity, isLocal } };
  return render(
    <NamesContext.Provider
      value={
        new Map([
          [ANNA, "Anna Ohjaaja"],
          [VILLE, "Ville Virtanen"],
        ])
      }
    >
      <NamedTile />
    </NamesContext.Provider>,
  );
}

beforeEach(() => {
  track.current = { participant: { identity: "", isLocal: false } };
});

describe("NamedTile", () => {
  it("names a LiveKit participant from the presence list, never by its identity", () => {
    renderTile(VILLE);
    const tile = screen.getByTestId("tile");
    expect(tile.textContent).toContain("Ville Virtanen");
    expect(tile.textContent).not.toContain(VILLE);
    expect(tile.textContent).toContain("VV");
  });

  it("marks the local participant", () => {
    renderTile(ANNA, true);
    expect(screen.getByText("Anna Ohjaaja (sinä)")).toBeTruthy();
  });

  it("says 'Osallistuja' for an identity not (yet) in the presence list", () => {
    renderTile("2b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e");
    expect(screen.getByTestId("tile").textContent).toContain("Osallistuja");
    expect(screen.getByTestId("tile").textContent).not.toContain("2b1c2d3e");
  });
});
