import type { TFunction } from "i18next";
import type { AgendaPhase } from "@piiri/protocol/rounds";
import { fi } from "../../i18n/fi.ts";

type Tree = { [key: string]: string | Tree };

/** Every template phase key the catalogue translates (`rounds.phases.<key>`). */
function knownKeys(tree: Tree, prefix = ""): Set<string> {
  const keys = new Set<string>();
  for (const [name, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${name}` : name;
    if (typeof value === "string") keys.add(path);
    else for (const key of knownKeys(value, path)) keys.add(key);
  }
  return keys;
}

const PHASE_KEYS = knownKeys(fi.rounds.phases);

/**
 * A phase's title in the UI language: the person's own title wins; a template phase is named by
 * its key (so a Finnish-planned agenda reads in English for an English user); a key this
 * version does not know falls back to "untitled" rather than showing the raw key.
 */
export function phaseTitle(t: TFunction, phase: Pick<AgendaPhase, "key" | "title">): string {
  if (phase.title) return phase.title;
  if (phase.key && PHASE_KEYS.has(phase.key)) {
    return t(`rounds.phases.${phase.key}` as "rounds.phases.untitled");
  }
  return t("rounds.phases.untitled");
}
