import { describe, expect, it } from "vitest";
import { checkBatch, checkBoard, jsonBytes, MAX_BATCH_BYTES, MAX_ELEMENT_BYTES, MAX_ELEMENTS_PER_BOARD } from "./limits.ts";

describe("limits", () => {
  it("measures JSON in UTF-8 bytes", () => {
    expect(jsonBytes("ä")).toBe(4); // quotes + 2 bytes
    expect(jsonBytes("😀")).toBe(6);
    expect(jsonBytes({ a: 1 })).toBe(7);
  });
  it("names the first cap a batch breaks", () => {
    expect(checkBatch([{ id: "a" }]).violation).toBeNull();
    const big = { id: "big", pad: "x".repeat(MAX_ELEMENT_BYTES) };
    expect(checkBatch([{ id: "a" }, big]).violation).toMatchObject({ kind: "element", id: "big" });
    const many = Array.from({ length: 10 }, (_, i) => ({ id: `e${i}`, pad: "x".repeat(MAX_BATCH_BYTES / 9) }));
    expect(checkBatch(many).violation).toMatchObject({ kind: "batch" });
  });
  it("caps the board's element count and bytes", () => {
    expect(checkBoard({ elements: MAX_ELEMENTS_PER_BOARD, bytes: 0 })).toBeNull();
    expect(checkBoard({ elements: MAX_ELEMENTS_PER_BOARD + 1, bytes: 0 })).toMatchObject({ kind: "boardElements" });
    expect(checkBoard({ elements: 1, bytes: Number.MAX_SAFE_INTEGER })).toMatchObject({ kind: "boardBytes" });
  });
});
