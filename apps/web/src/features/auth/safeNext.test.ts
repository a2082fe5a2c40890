import { describe, expect, it } from "vitest";
import { safeNext } from "./safeNext.ts";

describe("safeNext", () => {
  it("follows same-origin paths", () => {
    expect(safeNext("/sessions/abc?x=1")).toBe("/sessions/abc?x=1");
  });

  it.each([null, "", "https://evil.example/", "//evil.example", "/\\evil.example", "sessions"])(
    "goes home instead of %s",
    (next) => {
      expect(safeNext(next)).toBe("/");
    },
  );
});
