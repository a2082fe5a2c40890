import { describe, expect, it } from "vitest";
import { BoardElementContent, BoardTemplateKind, type BoardElement } from "@piiri/protocol/board";
import { fi } from "../../../i18n/fi.ts";
import { exerciseTemplate, stickyNote } from "../templates/exerciseTemplates.ts";
import { templateTexts } from "../templates/templateTexts.ts";
import { forCanvas, isRefusedType, sendableCopy } from "./sendable.ts";

const people = [
  { membershipId: "11111111-1111-4111-8111-111111111111", displayName: "Aino" },
  { membershipId: "22222222-2222-4222-8222-222222222222", displayName: "Bertil" },
];

const element = (change: Partial<BoardElement> = {}): BoardElement => ({
  id: "n1",
  type: "rectangle",
  version: 4,
  versionNonce: 99,
  isDeleted: false,
  text: "Pelkään, etten riitä",
  ...change,
});

describe("what the board sends", () => {
  // Excalidraw itself does not run under happy-dom; its convertToExcalidrawElements keeps a
  // skeleton's type and customData (labels become text elements without customData), so the
  // skeletons say what the elements will be. The e2e tests send real ones.
  it.each(BoardTemplateKind.options)(
    "%s: every element of the template is of a type, and with customData, the server accepts",
    (kind) => {
      const template = exerciseTemplate({
        kind,
        instanceId: "abc123",
        origin: { x: 0, y: 0 },
        texts: templateTexts(fi.board),
        people,
        focus: people[0],
      });
      const skeletons = [...template.skeleton, stickyNote("n", { x: 0, y: 0 })] as unknown as {
        type: string;
        customData?: unknown;
      }[];
      for (const skeleton of skeletons) {
        const made = { ...element(), type: skeleton.type, customData: skeleton.customData };
        if (skeleton.customData === undefined) delete made.customData;
        expect(BoardElementContent.safeParse(made).success, JSON.stringify(skeleton)).toBe(true);
        expect(sendableCopy(made)).toEqual(made);
      }
    },
  );

  it("a deletion leaves as a bare tombstone", () => {
    expect(sendableCopy(element({ isDeleted: true, customData: { piiri: "note" } }))).toEqual({
      id: "n1",
      version: 4,
      versionNonce: 99,
      isDeleted: true,
    });
  });

  it("customData Piiri did not write stays in the browser; Piiri's own goes out", () => {
    const pasted = element({ customData: { authorId: "someone", color: "red" } });
    const sent = sendableCopy(pasted);
    expect(sent).not.toHaveProperty("customData");
    expect(BoardElementContent.safeParse(sent).success).toBe(true);
    const own = element({ customData: { piiri: "note" } });
    expect(sendableCopy(own)).toEqual(own);
  });

  it("an embedded web page is not sent at all (a deleted one is only a tombstone)", () => {
    expect(isRefusedType(element({ type: "embeddable" }))).toBe(true);
    expect(isRefusedType(element({ type: "iframe" }))).toBe(true);
    expect(isRefusedType(element({ type: "embeddable", isDeleted: true }))).toBe(false);
    expect(isRefusedType(element())).toBe(false);
    expect(isRefusedType(element({ type: "image" }))).toBe(false);
  });
});

describe("forCanvas", () => {
  it("marks the canvas's copy deleted at the tombstone's version and skips unknown tombstones", () => {
    const own = element({ version: 3, versionNonce: 5, index: "a1" });
    const canvas = new Map([["n1", own]]);
    const live = element({ id: "n2" });
    expect(
      forCanvas(
        [
          { id: "n1", version: 4, versionNonce: 7, isDeleted: true },
          { id: "never", version: 2, versionNonce: 1, isDeleted: true },
          live,
        ],
        canvas,
      ),
    ).toEqual([{ ...own, version: 4, versionNonce: 7, isDeleted: true }, live]);
  });
});
