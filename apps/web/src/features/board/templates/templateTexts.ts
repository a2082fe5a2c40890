import type { Messages } from "../../../i18n/fi.ts";
import type { TemplateTexts } from "./exerciseTemplates.ts";

/** The template texts out of a `board` catalogue (the current language's). */
export function templateTexts(board: Messages["board"]): TemplateTexts {
  const texts = board.templates;
  return {
    ...texts,
    resourceAreas: Object.values(texts.resourceAreas),
    recallingColumns: Object.values(texts.recallingColumns),
  };
}
