import { describe, expect, it } from "vitest";
import { scaleMarkers, scaleTrend } from "./scaleMarkers.ts";

const me = "11111111-1111-4111-8111-111111111111";
const other = "22222222-2222-4222-8222-222222222222";
const third = "33333333-3333-4333-8333-333333333333";
const line = { x: 100, y: 300, width: 800 };

describe("scaleMarkers", () => {
  it("places a marker at the value's point of the line, never sent (local ids)", () => {
    const markers = scaleMarkers(
      "ex1",
      line,
      {
        exerciseId: "ex1",
        revealed: false,
        placedCount: 2,
        values: [{ membershipId: me, displayName: "Aino", value: 7 }],
      },
      me,
      { you: "Sinä" },
    );
    expect(markers).toHaveLength(2);
    const [dot, name] = markers as unknown as [
      { x: number; width: number; id: string },
      { text: string; id: string },
    ];
    expect(dot.x + dot.width / 2).toBe(100 + 560);
    expect(name.text).toBe("Sinä");
    expect(markers.every((marker) => marker.id?.startsWith("local-"))).toBe(true);
  });

  it("stacks equal values and names the others once revealed", () => {
    const markers = scaleMarkers(
      "ex1",
      line,
      {
        exerciseId: "ex1",
        revealed: true,
        placedCount: 3,
        values: [
          { membershipId: other, displayName: "Bertil", value: 4 },
          { membershipId: me, displayName: "Aino", value: 4 },
          { membershipId: third, displayName: "Cecilia", value: 9 },
        ],
      },
      me,
      { you: "You" },
    ) as { type: string; y: number; text?: string }[];
    const dots = markers.filter((marker) => marker.type === "ellipse");
    expect(new Set(dots.map((dot) => dot.y)).size).toBe(2); // two at 4 stacked, one at 9 at the base
    expect(markers.filter((marker) => marker.type === "text").map((marker) => marker.text)).toEqual(
      ["You", "Bertil", "Cecilia"],
    );
  });
});

describe("scaleTrend", () => {
  it("averages revealed values per session, oldest first, skipping unrevealed", () => {
    const trend = scaleTrend([
      {
        sessionId: "s2",
        startsAt: "2026-11-20T10:00:00.000Z",
        exercises: [
          {
            exerciseId: "a",
            revealed: true,
            placedCount: 2,
            values: [
              { membershipId: me, displayName: "A", value: 6 },
              { membershipId: other, displayName: "B", value: 7 },
            ],
          },
        ],
      },
      {
        sessionId: "s1",
        startsAt: "2026-10-20T10:00:00.000Z",
        exercises: [
          {
            exerciseId: "b",
            revealed: true,
            placedCount: 1,
            values: [{ membershipId: me, displayName: "A", value: 3 }],
          },
        ],
      },
      {
        sessionId: "s3",
        startsAt: "2026-12-20T10:00:00.000Z",
        exercises: [
          {
            exerciseId: "c",
            revealed: false,
            placedCount: 2,
            values: [{ membershipId: me, displayName: "A", value: 9 }],
          },
        ],
      },
    ]);
    expect(trend).toEqual([
      { sessionId: "s1", startsAt: "2026-10-20T10:00:00.000Z", average: 3, count: 1 },
      { sessionId: "s2", startsAt: "2026-11-20T10:00:00.000Z", average: 6.5, count: 2 },
    ]);
  });
});
