import { describe, expect, it } from "vitest";
import { scaleViewFor } from "./scale.ts";

const entries = [
  { membershipId: "11111111-1111-4111-8111-111111111111", displayName: "Aino", value: 3 },
  { membershipId: "22222222-2222-4222-8222-222222222222", displayName: "Eero", value: 8 },
];

describe("scaleViewFor", () => {
  it("shows only the viewer's own value before the reveal", () => {
    expect(scaleViewFor("s", entries, false, entries[0]?.membershipId ?? "")).toEqual({
      exerciseId: "s",
      revealed: false,
      placedCount: 2,
      values: [entries[0]],
    });
    expect(scaleViewFor("s", entries, false, "someone else").values).toEqual([]);
  });
  it("shows everyone's after the reveal", () => {
    expect(scaleViewFor("s", entries, true, "someone else").values).toEqual(entries);
  });
});
