import { describe, expect, it } from "vitest";
import {
  BoardElement,
  BoardElementContent,
  BoardFile,
  BoardSceneEvent,
  BoardTombstone,
  BoardUpdateRequest,
  MAX_ELEMENTS_PER_UPDATE,
} from "./board.ts";
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
      { ...element, type: "" },
      { ...element, frameId: "bad id" },
    ]) {
      expect(BoardElement.safeParse(bad).success).toBe(false);
    }
  });
});

describe("BoardElementContent", () => {
  it("accepts Piiri's element types with Piiri's customData, and any deletion", () => {
    for (const good of [
      element,
      { ...element, isDeleted: true },
      { ...element, type: "frame", customData: { piiri: "exerciseFrame", kind: "scaling" } },
      { ...element, type: "line", customData: { piiri: "scalingLine" } },
      { ...element, customData: { piiri: "nextStepCard", person: "Aino" } },
      { ...element, customData: { piiri: "note" } },
      { ...element, type: "image", fileId: "abc" },
      { id: "gone", version: 4, versionNonce: -3, isDeleted: true },
      // A deletion's content is dropped whatever it was.
      { ...element, type: "iframe", isDeleted: true },
    ]) {
      expect(BoardElementContent.safeParse(good).success, JSON.stringify(good)).toBe(true);
    }
  });

  it("refuses other element types and any other customData", () => {
    for (const bad of [
      { ...element, type: "iframe" },
      { ...element, type: "embeddable", link: "https://example.com" },
      { ...element, type: "magicframe" },
      { ...element, type: undefined },
      { ...element, customData: { a: 1 } },
      { ...element, customData: { piiri: "note", authorId: "x" } },
      { ...element, customData: { piiri: "exerciseFrame", kind: "unknown" } },
      { ...element, customData: "text" },
      { id: "gone", version: 4, versionNonce: -3, isDeleted: false },
    ]) {
      expect(BoardElementContent.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("a tombstone carries nothing but the merge fields", () => {
    const tombstone = { id: "gone", version: 4, versionNonce: -3, isDeleted: true };
    expect(BoardTombstone.parse(tombstone)).toEqual(tombstone);
    expect(BoardTombstone.safeParse({ ...tombstone, text: "salaisuus" }).success).toBe(false);
    expect(BoardElement.parse(tombstone)).toEqual(tombstone);
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
