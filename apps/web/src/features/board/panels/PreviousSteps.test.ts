import { describe, expect, it } from "vitest";
import type { BoardElement } from "@piiri/protocol/board";
import { stepTexts } from "./PreviousSteps.tsx";

const card = (id: string, person: string): BoardElement => ({
  id,
  type: "rectangle",
  version: 1,
  versionNonce: 1,
  isDeleted: false,
  customData: { piiri: "nextStepCard", person },
});
const label = (
  id: string,
  containerId: string | null,
  text: string,
  isDeleted = false,
): BoardElement => ({
  id,
  type: "text",
  version: 1,
  versionNonce: 1,
  isDeleted,
  containerId,
  text,
});

describe("stepTexts", () => {
  it("names each written step after its card's person, skipping empty cards and other texts", () => {
    expect(
      stepTexts([
        card("c1", "Aino"),
        label("t1", "c1", "Aino:\nSoitan asiakkaalle"),
        card("c2", "Bertil"),
        label("t2", "c2", "Kysyn apua\najoissa"),
        card("c3", "Cecilia"),
        label("t3", "c3", "Cecilia:\n"),
        label("title", null, "Seuraava pieni askel"),
        label("gone", "c2", "vanha", true),
      ]),
    ).toEqual(["Aino: Soitan asiakkaalle", "Bertil: Kysyn apua ajoissa"]);
  });
});
