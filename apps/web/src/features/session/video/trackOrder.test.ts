import { describe, expect, it } from "vitest";
import { pinFirst } from "./trackOrder.ts";

const track = (identity: string, source = "camera") => ({ participant: { identity }, source });
const names = (tracks: Array<ReturnType<typeof track>>) =>
  tracks.map((t) => `${t.participant.identity}:${t.source}`);

describe("pinning people to the front of the grid", () => {
  const tracks = [
    track("me"),
    track("a"),
    track("b"),
    track("supervisor"),
    track("speaker"),
    track("speaker", "screen"),
    track("c"),
  ];

  it("puts the named people first, in the given order, and keeps everyone else's order", () => {
    expect(names(pinFirst(tracks, ["speaker", "supervisor"]))).toEqual([
      "speaker:camera",
      "speaker:screen",
      "supervisor:camera",
      "me:camera",
      "a:camera",
      "b:camera",
      "c:camera",
    ]);
  });

  it("ignores names with no tracks, repeats, and an empty list", () => {
    expect(names(pinFirst(tracks, ["nobody", "supervisor", "supervisor"]))[0]).toBe(
      "supervisor:camera",
    );
    expect(pinFirst(tracks, [])).toEqual(tracks);
    expect(pinFirst(tracks, ["c", "a"]).length).toBe(tracks.length);
  });

  it("keeps the supervisor on the first page however many come after", () => {
    const many = [...Array.from({ length: 30 }, (_, i) => track(`p${i}`)), track("supervisor")];
    const perPage = 4;
    const firstPage = pinFirst(many, ["supervisor"]).slice(0, perPage);
    expect(firstPage.map((t) => t.participant.identity)).toContain("supervisor");
  });
});
