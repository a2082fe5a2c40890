import { describe, expect, it } from "vitest";
import {
  changeRefusal,
  isAnonymous,
  withoutAuthor,
  withoutAuthorsInAnonymousFrames,
  type FrameRules,
} from "./rules.ts";

const frames = new Map<string, FrameRules>([
  ["locked", { frameId: "locked", locked: true, anonymous: false }],
  ["open", { frameId: "open", locked: false, anonymous: true }],
]);

describe("changeRefusal", () => {
  it("lets the supervisor change anything, even on a locked board", () => {
    expect(changeRefusal("supervisor", { locked: true }, frames, { id: "x", frameId: "locked" }, undefined)).toBeNull();
  });
  it("refuses participants on a locked board", () => {
    expect(changeRefusal("participant", { locked: true }, frames, { id: "x" }, undefined)).toBe("BOARD_LOCKED");
  });
  it("refuses changes in, into, out of, and of a locked frame", () => {
    const board = { locked: false };
    expect(changeRefusal("participant", board, frames, { id: "x", frameId: "locked" }, undefined)).toBe("FRAME_LOCKED");
    expect(changeRefusal("participant", board, frames, { id: "x", frameId: null }, { id: "x", frameId: "locked" })).toBe(
      "FRAME_LOCKED",
    );
    expect(changeRefusal("participant", board, frames, { id: "locked" }, undefined)).toBe("FRAME_LOCKED");
    expect(changeRefusal("participant", board, frames, { id: "x", frameId: "open" }, undefined)).toBeNull();
    expect(changeRefusal("participant", board, frames, { id: "x", frameId: "unknown" }, undefined)).toBeNull();
  });
});

describe("anonymity", () => {
  it("applies to elements in or leaving an anonymous frame", () => {
    expect(isAnonymous(frames, { id: "x", frameId: "open" }, undefined)).toBe(true);
    expect(isAnonymous(frames, { id: "x", frameId: null }, { id: "x", frameId: "open" })).toBe(true);
    expect(isAnonymous(frames, { id: "x", frameId: "locked" }, undefined)).toBe(false);
  });
  it("strips every author-like customData key and keeps the rest", () => {
    const element = {
      id: "n",
      text: "t",
      customData: { authorId: "1", AuthorName: "A", createdBy: "u", ownerId: "o", userId: "u", color: "red" },
    };
    expect(withoutAuthor(element)).toEqual({ id: "n", text: "t", customData: { color: "red" } });
    expect(withoutAuthor({ id: "n", customData: { authorName: "A" } })).toEqual({ id: "n" });
    const plain = { id: "n", customData: { color: "red" } };
    expect(withoutAuthor(plain)).toBe(plain);
    expect(withoutAuthor({ id: "n" })).toEqual({ id: "n" });
  });
  it("strips authors from saved elements of frames that are anonymous then or now", () => {
    const authored = (id: string, frameId: string | null) => ({
      id,
      frameId,
      customData: { piiri: "note", authorId: "a" },
    });
    const saved = [authored("inOpen", "open"), authored("open", null), authored("inLocked", "locked"), authored("free", null)];
    const then = [{ frameId: "locked", locked: false, anonymous: false }];
    const stripped = withoutAuthorsInAnonymousFrames(saved, [...then, ...frames.values()]);
    expect(stripped.map((element) => element.customData)).toEqual([
      { piiri: "note" },
      { piiri: "note" },
      { piiri: "note", authorId: "a" },
      { piiri: "note", authorId: "a" },
    ]);
    expect(withoutAuthorsInAnonymousFrames(saved, then)).toEqual(saved);
  });
});
