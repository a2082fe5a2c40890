import { describe, expect, it } from "vitest";
import { BoardElementId, BoardTemplateKind } from "@piiri/protocol/board";
import { en } from "../../../i18n/en.ts";
import { fi } from "../../../i18n/fi.ts";
import { exerciseTemplate, stickyNote, type TemplateInput } from "./exerciseTemplates.ts";
import { templateTexts } from "./templateTexts.ts";

const people = [
  { membershipId: "11111111-1111-4111-8111-111111111111", displayName: "Aino" },
  { membershipId: "22222222-2222-4222-8222-222222222222", displayName: "Bertil" },
  { membershipId: "33333333-3333-4333-8333-333333333333", displayName: "Cecilia" },
];

function input(kind: BoardTemplateKind, overrides: Partial<TemplateInput> = {}): TemplateInput {
  return {
    kind,
    instanceId: "abc123",
    origin: { x: 100, y: 200 },
    texts: templateTexts(fi.board),
    people,
    ...overrides,
  };
}

type Loose = {
  id?: string;
  type: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  text?: string;
  label?: { text: string };
  children?: readonly string[];
  name?: string;
  customData?: Record<string, unknown>;
};
const loose = (skeleton: unknown) => skeleton as Loose[];

function textsOf(skeleton: Loose[]): string[] {
  return skeleton.flatMap((element) =>
    [element.text, element.label?.text, element.name].filter((t): t is string => Boolean(t)),
  );
}

describe("exercise templates", () => {
  it.each(BoardTemplateKind.options)(
    "%s: one frame holding every other element, valid unique ids",
    (kind) => {
      const template = exerciseTemplate(input(kind));
      const skeleton = loose(template.skeleton);
      const frames = skeleton.filter((element) => element.type === "frame");
      expect(frames).toHaveLength(1);
      const frame = frames[0];
      expect(frame?.id).toBe(template.frameId);
      expect(frame?.customData).toEqual({ piiri: "exerciseFrame", kind });

      const ids = skeleton.map((element) => element.id);
      expect(ids.every((id) => id !== undefined && BoardElementId.safeParse(id).success)).toBe(
        true,
      );
      expect(new Set(ids).size).toBe(ids.length);
      expect([...(frame?.children ?? [])].sort()).toEqual(
        ids.filter((id) => id !== template.frameId).sort(),
      );
    },
  );

  it.each(BoardTemplateKind.options)("%s: everything lies inside the frame", (kind) => {
    const template = exerciseTemplate(input(kind));
    for (const element of loose(template.skeleton)) {
      if (element.type === "arrow" || element.type === "frame") continue;
      expect(element.x).toBeGreaterThanOrEqual(100);
      expect(element.y).toBeGreaterThanOrEqual(200);
      expect((element.x ?? 0) + (element.width ?? 0)).toBeLessThanOrEqual(100 + template.width);
      expect((element.y ?? 0) + (element.height ?? 0)).toBeLessThanOrEqual(200 + template.height);
    }
  });

  it("speaks the user's language", () => {
    const finnish = textsOf(loose(exerciseTemplate(input("miracle")).skeleton));
    const english = textsOf(
      loose(exerciseTemplate(input("miracle", { texts: templateTexts(en.board) })).skeleton),
    );
    expect(finnish).toContain("Mitä minä huomaan");
    expect(english).toContain("What I notice");
    expect(english).not.toContain("Mitä minä huomaan");
  });

  it("scaling: a line with ticks 0–10 the markers are placed on", () => {
    const skeleton = loose(exerciseTemplate(input("scaling")).skeleton);
    expect(skeleton.filter((element) => element.customData?.piiri === "scalingLine")).toHaveLength(
      1,
    );
    const numbers = skeleton.filter(
      (element) => element.type === "text" && /^\d+$/.test(element.text ?? ""),
    );
    expect(numbers.map((element) => Number(element.text))).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
  });

  it("next small step: one card per person, named", () => {
    const cards = loose(exerciseTemplate(input("nextStep")).skeleton).filter(
      (element) => element.customData?.piiri === "nextStepCard",
    );
    expect(cards.map((card) => card.customData?.person)).toEqual(["Aino", "Bertil", "Cecilia"]);
    expect(cards.map((card) => card.label?.text)).toEqual(["Aino:\n", "Bertil:\n", "Cecilia:\n"]);
  });

  it("next small step with nobody there yet still has a card to write on", () => {
    const cards = loose(exerciseTemplate(input("nextStep", { people: [] })).skeleton).filter(
      (element) => element.customData?.piiri === "nextStepCard",
    );
    expect(cards).toHaveLength(1);
  });

  it("recalling the future: a row per person with the four questions", () => {
    const skeleton = loose(
      exerciseTemplate(input("recallingFuture", { texts: templateTexts(en.board) })).skeleton,
    );
    const texts = textsOf(skeleton);
    for (const person of people) expect(texts).toContain(person.displayName);
    expect(texts).toContain("What is good a year from now?");
    const cells = skeleton.filter((element) => element.id?.startsWith("abc123-cell"));
    expect(cells).toHaveLength(people.length * 4);
  });

  it("resource map: around the person, or around the team", () => {
    const aroundAino = textsOf(
      loose(exerciseTemplate(input("resourceMap", { focus: people[0] })).skeleton),
    );
    expect(aroundAino).toContain("Aino");
    const aroundTeam = textsOf(loose(exerciseTemplate(input("resourceMap")).skeleton));
    expect(aroundTeam).toContain(fi.board.templates.resourceCentreTeam);
    const arrows = loose(exerciseTemplate(input("resourceMap")).skeleton).filter(
      (element) => element.type === "arrow",
    );
    expect(arrows).toHaveLength(Object.keys(fi.board.templates.resourceAreas).length);
  });

  it("names nobody on the notes: anonymous exercises stay anonymous", () => {
    for (const kind of ["compliments", "miracle", "exceptions"] as const) {
      for (const element of loose(exerciseTemplate(input(kind)).skeleton)) {
        expect(element.customData?.person).toBeUndefined();
      }
    }
    expect(loose([stickyNote("n1", { x: 0, y: 0 })])[0]?.customData).toEqual({ piiri: "note" });
  });

  it("two insertions never share an id", () => {
    const a = exerciseTemplate(input("exceptions", { instanceId: "one" }));
    const b = exerciseTemplate(input("exceptions", { instanceId: "two" }));
    const idsA = new Set(loose(a.skeleton).map((element) => element.id));
    expect(loose(b.skeleton).some((element) => idsA.has(element.id))).toBe(false);
  });
});
