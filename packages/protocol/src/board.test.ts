import { describe, expect, it } from "vitest";
import { BoardElement, BoardFile, BoardSceneEvent, BoardUpdateRequest, MAX_ELEMENTS_PER_UPDATE } from "./board.ts";
import { ClientRequest, ServerEvent } from "./realtime.ts";

const sessionId = "3f1e6c1a-6f0e-4a8e-9d2c-2b1f4c5d6e7f";
const element = { id: "AbC_12-x", type: "rectangle", version: 3, versionNonce: 12345, isDeleted: false, x: 1 };

describe("BoardElement", () => {
  it("checks the merge fields strictly and keeps every other field", () => {
    expect(BoardElement.parse({ ...element, customData: { a: 1 } })).toEqual({ ...element, customData: { a: 1 } });
    for (const bad of [
      { ...element, id: "" },
      { ...element, id: "has space" },
      { ...element, id: "x".repeat(65) },
      { ...element, version: 0 },
      { ...element, version: 1.5 },
      { ...element, version: 2 ** 31 },
      { ...element, versionNonce: "1" },
      { ...element, isDeleted: 0 },
      { ...element, type: undefined },
      { ...element, frameId: "bad id" },
    ]) {
      expect(BoardElement.safeParse(bad).success).toBe(false);
    }
  });
});

describe("board requests and events", () => {
  it("are part of the socket unions", () => {
    expect(ClientRequest.parse({ type: "board.update", sessionId, elements: [element] }).type).toBe("board.update");
    expect(ServerEvent.parse({ type: "board.elements", sessionId, elements: [element] }).type).toBe("board.elements");
  });
  it("bound the batch size", () => {
    const elements = Array.from({ length: MAX_ELEMENTS_PER_UPDATE + 1 }, () => element);
    expect(BoardUpdateRequest.safeParse({ type: "board.update", sessionId, elements }).success).toBe(false);
    expect(BoardUpdateRequest.safeParse({ type: "board.update", sessionId, elements: [] }).success).toBe(false);
  });
  it("accept only raster images as base64 data URLs", () => {
    expect(BoardFile.safeParse({ id: "f1", mimeType: "image/png", dataURL: "data:image/png;base64,iVBORw0=" }).success).toBe(true);
    expect(BoardFile.safeParse({ id: "f1", mimeType: "image/svg+xml", dataURL: "data:image/svg+xml;base64,PHN2Zz4=" }).success).toBe(false);
    expect(BoardFile.safeParse({ id: "f1", mimeType: "image/png", dataURL: "javascript:alert(1)" }).success).toBe(false);
  });
  it("carry the whole scene with state on join", () => {
    const scene = {
      type: "board.scene",
      sessionId,
      groupId: sessionId,
      elements: [element],
      files: [],
      state: { locked: false, frames: [{ frameId: "f", kind: "scaling", sessionId, locked: false, anonymous: true }] },
      reset: false,
    };
    expect(BoardSceneEvent.parse(scene)).toEqual(scene);
  });
});
