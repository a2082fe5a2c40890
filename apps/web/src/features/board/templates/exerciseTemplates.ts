// The solution-focused exercises as Excalidraw element skeletons: pure functions of the texts
// (already in the user's language), the people in the session and where to put the frame. The
// board turns a skeleton into elements with Excalidraw's own `convertToExcalidrawElements`, so
// the layout is ours and the element format stays Excalidraw's.
import type { ExcalidrawElementSkeleton } from "@excalidraw/excalidraw/data/transform";
import type { BoardCustomData, BoardTemplateKind } from "@piiri/protocol/board";

export interface TemplateTexts {
  title: Record<BoardTemplateKind, string>;
  scalingQuestion: string;
  scalingLow: string;
  scalingHigh: string;
  miraclePrompt: string;
  miracleMine: string;
  miracleOthers: string;
  exceptionsWhen: string;
  exceptionsDifference: string;
  resourceCentreTeam: string;
  resourceAreas: readonly string[];
  complimentsPrompt: string;
  complimentsFor: string;
  nextStepPrompt: string;
  recallingPrompt: string;
  recallingColumns: readonly string[];
  /** Shown on a row or card when nobody is in the session yet. */
  someone: string;
}

export interface TemplatePerson {
  membershipId: string;
  displayName: string;
}

export interface TemplateInput {
  kind: BoardTemplateKind;
  /** Unique per insertion (e.g. a nanoid); every element id is derived from it. */
  instanceId: string;
  /** Top-left corner of the frame in scene coordinates. */
  origin: { x: number; y: number };
  texts: TemplateTexts;
  /** The participants the per-person parts are made for (cards, rows). */
  people: readonly TemplatePerson[];
  /** Resource map / compliments: whom the exercise is about; the team when absent. */
  focus?: TemplatePerson | undefined;
}

/**
 * What the board needs to know about elements it gave meaning to: exactly the shapes the server
 * accepts (a next-step card names its owner; a note never names its writer, so anonymous
 * exercises stay anonymous).
 */
export type PiiriCustomData = BoardCustomData;

export interface ExerciseTemplate {
  frameId: string;
  kind: BoardTemplateKind;
  skeleton: ExcalidrawElementSkeleton[];
  /** Size of the frame, for placing the next one beside it. */
  width: number;
  height: number;
}

export const STICKY_YELLOW = "#ffec99";
const COLUMN_BLUE = "#e7f5ff";
const COLUMN_GREEN = "#ebfbee";
const RESOURCE_GREEN = "#b2f2bb";
const CARD_ORANGE = "#ffe8cc";
const INK = "#1e1e1e";
const MUTED = "#495057";
/** Excalidraw's "Normal" (Nunito) font: readable text in a template. */
const FONT_NORMAL = 6;

type Skeleton = ExcalidrawElementSkeleton;

/** Element ids must match the protocol's BoardElementId: A–Z, a–z, 0–9, _ and -, at most 64. */
export function templateIds(instanceId: string) {
  const base = instanceId.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 40);
  if (base.length === 0) throw new Error("instanceId must contain id characters");
  return (part: string) => `${base}-${part}`;
}

function text(
  id: string,
  x: number,
  y: number,
  value: string,
  fontSize = 20,
  color = INK,
): Skeleton {
  return {
    type: "text",
    id,
    x,
    y,
    text: value,
    fontSize,
    fontFamily: FONT_NORMAL,
    strokeColor: color,
  };
}

function box(
  id: string,
  x: number,
  y: number,
  width: number,
  height: number,
  backgroundColor: string,
  label?: string,
  customData?: PiiriCustomData,
): Skeleton {
  return {
    type: "rectangle",
    id,
    x,
    y,
    width,
    height,
    backgroundColor,
    fillStyle: "solid",
    strokeColor: MUTED,
    roughness: 0,
    roundness: { type: 3 },
    ...(label
      ? {
          label: {
            text: label,
            fontSize: 18,
            fontFamily: FONT_NORMAL,
            verticalAlign: "top",
            textAlign: "left",
          },
        }
      : {}),
    ...(customData ? { customData } : {}),
  };
}

function frame(
  input: TemplateInput,
  id: string,
  width: number,
  height: number,
  children: Skeleton[],
) {
  const childIds = children.flatMap((child) => (child.id ? [child.id] : []));
  const frameElement: Skeleton = {
    type: "frame",
    id,
    children: childIds,
    name: input.texts.title[input.kind],
    x: input.origin.x,
    y: input.origin.y,
    width,
    height,
    customData: { piiri: "exerciseFrame", kind: input.kind } satisfies PiiriCustomData,
  };
  return [...children, frameElement];
}

function peopleOrSomeone(input: TemplateInput): TemplatePerson[] {
  return input.people.length > 0
    ? [...input.people]
    : [{ membershipId: "", displayName: input.texts.someone }];
}

function scaling(input: TemplateInput, id: (part: string) => string) {
  const { x, y } = input.origin;
  const width = 960;
  const height = 340;
  const lineStart = x + 80;
  const lineLength = 800;
  const lineY = y + 190;
  const children: Skeleton[] = [
    text(id("title"), x + 40, y + 30, input.texts.title.scaling, 28),
    text(id("question"), x + 40, y + 80, input.texts.scalingQuestion, 20, MUTED),
    {
      type: "line",
      id: id("scale"),
      x: lineStart,
      y: lineY,
      points: [
        [0, 0],
        [lineLength, 0],
      ],
      strokeColor: INK,
      strokeWidth: 4,
      roughness: 0,
      customData: { piiri: "scalingLine" } satisfies PiiriCustomData,
    },
  ];
  for (let value = 0; value <= 10; value += 1) {
    const tickX = lineStart + (lineLength * value) / 10;
    children.push(
      {
        type: "line",
        id: id(`tick${value}`),
        x: tickX,
        y: lineY - 12,
        points: [
          [0, 0],
          [0, 24],
        ],
        strokeColor: INK,
        strokeWidth: 2,
        roughness: 0,
      },
      text(id(`n${value}`), tickX - (value === 10 ? 11 : 5), lineY + 22, String(value), 20),
    );
  }
  children.push(
    text(id("low"), lineStart - 20, lineY + 60, input.texts.scalingLow, 16, MUTED),
    text(id("high"), lineStart + lineLength - 200, lineY + 60, input.texts.scalingHigh, 16, MUTED),
  );
  return { width, height, elements: frame(input, id("frame"), width, height, children) };
}

function twoColumns(
  input: TemplateInput,
  id: (part: string) => string,
  prompt: string | null,
  left: string,
  right: string,
) {
  const { x, y } = input.origin;
  const width = 1000;
  const top = prompt ? 130 : 90;
  const height = top + 440;
  const children: Skeleton[] = [
    text(id("title"), x + 40, y + 30, input.texts.title[input.kind], 28),
  ];
  if (prompt) children.push(text(id("prompt"), x + 40, y + 80, prompt, 18, MUTED));
  children.push(
    box(id("left"), x + 40, y + top, 450, 400, COLUMN_BLUE, left),
    box(id("right"), x + 510, y + top, 450, 400, COLUMN_GREEN, right),
  );
  return { width, height, elements: frame(input, id("frame"), width, height, children) };
}

function resourceMap(input: TemplateInput, id: (part: string) => string) {
  const { x, y } = input.origin;
  const width = 1000;
  const height = 760;
  const centreX = x + width / 2;
  const centreY = y + 410;
  const centreLabel = input.focus?.displayName ?? input.texts.resourceCentreTeam;
  const children: Skeleton[] = [
    text(id("title"), x + 40, y + 30, input.texts.title.resourceMap, 28),
    {
      type: "ellipse",
      id: id("centre"),
      x: centreX - 110,
      y: centreY - 60,
      width: 220,
      height: 120,
      backgroundColor: STICKY_YELLOW,
      fillStyle: "solid",
      strokeColor: INK,
      roughness: 0,
      label: { text: centreLabel, fontSize: 22, fontFamily: FONT_NORMAL },
    },
  ];
  const areas = input.texts.resourceAreas;
  areas.forEach((area, index) => {
    const angle = (2 * Math.PI * index) / areas.length - Math.PI / 2;
    const areaX = centreX + Math.cos(angle) * 330 - 110;
    const areaY = centreY + Math.sin(angle) * 250 - 45;
    const areaId = id(`area${index}`);
    children.push(
      {
        type: "ellipse",
        id: areaId,
        x: areaX,
        y: areaY,
        width: 220,
        height: 90,
        backgroundColor: RESOURCE_GREEN,
        fillStyle: "solid",
        strokeColor: MUTED,
        roughness: 0,
        label: { text: area, fontSize: 18, fontFamily: FONT_NORMAL },
      },
      {
        type: "arrow",
        id: id(`link${index}`),
        x: centreX,
        y: centreY,
        strokeColor: MUTED,
        roughness: 0,
        start: { id: id("centre") },
        end: { id: areaId },
      },
    );
  });
  return { width, height, elements: frame(input, id("frame"), width, height, children) };
}

function compliments(input: TemplateInput, id: (part: string) => string) {
  const { x, y } = input.origin;
  const width = 1000;
  const height = 560;
  const whom = input.focus?.displayName ?? input.texts.resourceCentreTeam;
  const children: Skeleton[] = [
    text(id("title"), x + 40, y + 30, input.texts.title.compliments, 28),
    text(id("prompt"), x + 40, y + 80, input.texts.complimentsPrompt, 18, MUTED),
    box(
      id("whom"),
      x + 40,
      y + 130,
      920,
      70,
      CARD_ORANGE,
      `${input.texts.complimentsFor}: ${whom}`,
    ),
  ];
  // Empty notes to write on; anyone may add more with the sticky-note button.
  for (let index = 0; index < 6; index += 1) {
    const column = index % 3;
    const row = Math.floor(index / 3);
    children.push(
      box(
        id(`note${index}`),
        x + 40 + column * 310,
        y + 230 + row * 160,
        290,
        140,
        STICKY_YELLOW,
        undefined,
        {
          piiri: "note",
        },
      ),
    );
  }
  return { width, height, elements: frame(input, id("frame"), width, height, children) };
}

function nextStep(input: TemplateInput, id: (part: string) => string) {
  const { x, y } = input.origin;
  const people = peopleOrSomeone(input);
  const columns = Math.min(4, people.length);
  const rows = Math.ceil(people.length / columns);
  const width = Math.max(700, 80 + columns * 300);
  const height = 150 + rows * 200;
  const children: Skeleton[] = [
    text(id("title"), x + 40, y + 30, input.texts.title.nextStep, 28),
    text(id("prompt"), x + 40, y + 80, input.texts.nextStepPrompt, 18, MUTED),
  ];
  people.forEach((person, index) => {
    const column = index % columns;
    const row = Math.floor(index / columns);
    children.push(
      box(
        id(`card${index}`),
        x + 40 + column * 300,
        y + 130 + row * 200,
        280,
        180,
        CARD_ORANGE,
        `${person.displayName}:\n`,
        { piiri: "nextStepCard", person: person.displayName },
      ),
    );
  });
  return { width, height, elements: frame(input, id("frame"), width, height, children) };
}

function recallingFuture(input: TemplateInput, id: (part: string) => string) {
  const { x, y } = input.origin;
  const people = peopleOrSomeone(input);
  const columns = input.texts.recallingColumns;
  const nameWidth = 180;
  const cellWidth = 250;
  const headerHeight = 90;
  const rowHeight = 150;
  const width = 80 + nameWidth + columns.length * cellWidth;
  const height = 150 + headerHeight + people.length * rowHeight + 20;
  const tableTop = y + 130;
  const children: Skeleton[] = [
    text(id("title"), x + 40, y + 30, input.texts.title.recallingFuture, 28),
    text(id("prompt"), x + 40, y + 80, input.texts.recallingPrompt, 18, MUTED),
  ];
  columns.forEach((column, index) => {
    children.push(
      box(
        id(`head${index}`),
        x + 40 + nameWidth + index * cellWidth,
        tableTop,
        cellWidth - 10,
        headerHeight - 10,
        COLUMN_BLUE,
        column,
      ),
    );
  });
  people.forEach((person, row) => {
    const rowY = tableTop + headerHeight + row * rowHeight;
    children.push(
      box(
        id(`who${row}`),
        x + 40,
        rowY,
        nameWidth - 10,
        rowHeight - 10,
        CARD_ORANGE,
        person.displayName,
      ),
    );
    columns.forEach((_column, index) => {
      children.push(
        box(
          id(`cell${row}-${index}`),
          x + 40 + nameWidth + index * cellWidth,
          rowY,
          cellWidth - 10,
          rowHeight - 10,
          STICKY_YELLOW,
        ),
      );
    });
  });
  return { width, height, elements: frame(input, id("frame"), width, height, children) };
}

/** The skeleton of one exercise; `frameId` is the id of its Excalidraw frame element. */
export function exerciseTemplate(input: TemplateInput): ExerciseTemplate {
  const id = templateIds(input.instanceId);
  const built = (() => {
    switch (input.kind) {
      case "scaling":
        return scaling(input, id);
      case "miracle":
        return twoColumns(
          input,
          id,
          input.texts.miraclePrompt,
          input.texts.miracleMine,
          input.texts.miracleOthers,
        );
      case "exceptions":
        return twoColumns(
          input,
          id,
          null,
          input.texts.exceptionsWhen,
          input.texts.exceptionsDifference,
        );
      case "resourceMap":
        return resourceMap(input, id);
      case "compliments":
        return compliments(input, id);
      case "nextStep":
        return nextStep(input, id);
      case "recallingFuture":
        return recallingFuture(input, id);
    }
  })();
  return {
    frameId: id("frame"),
    kind: input.kind,
    skeleton: built.elements,
    width: built.width,
    height: built.height,
  };
}

/** A sticky note at a point (the toolbar's "add a note"). */
export function stickyNote(instanceId: string, at: { x: number; y: number }): Skeleton {
  return box(
    templateIds(instanceId)("note"),
    at.x - 100,
    at.y - 70,
    200,
    140,
    STICKY_YELLOW,
    undefined,
    {
      piiri: "note",
    },
  );
}
