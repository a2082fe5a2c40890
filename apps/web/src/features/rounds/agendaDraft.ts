import {
  MAX_PHASE_SECONDS,
  MAX_PHASES,
  MIN_PHASE_SECONDS,
  type AgendaPhase,
  type AgendaPhaseInput,
  type PhaseKind,
} from "@piiri/protocol/rounds";

/** One phase row being edited. `title` is what the field shows; untouched keys stay translatable. */
export interface DraftPhase {
  /** Client-side row identity (the phase id when it exists already). */
  rowId: string;
  id: string | undefined;
  key: string | null;
  title: string;
  /** The person typed in the title: it is then saved as their own title. */
  titleEdited: boolean;
  kind: PhaseKind;
  minutes: string;
  presenterId: string | null;
}

export const MIN_PHASE_MINUTES = MIN_PHASE_SECONDS / 60;
export const MAX_PHASE_MINUTES = MAX_PHASE_SECONDS / 60;

let rowCounter = 0;
function newRowId(): string {
  rowCounter += 1;
  return `new-${rowCounter}`;
}

export function draftFrom(
  phases: readonly AgendaPhase[],
  titleOf: (p: AgendaPhase) => string,
): DraftPhase[] {
  return phases.map((phase) => ({
    rowId: phase.id,
    id: phase.id,
    key: phase.key,
    title: titleOf(phase),
    titleEdited: phase.title !== null,
    kind: phase.kind,
    minutes: String(Math.round(phase.plannedSeconds / 60)),
    presenterId: phase.presenterId,
  }));
}

export function newDraftPhase(title: string): DraftPhase {
  return {
    rowId: newRowId(),
    id: undefined,
    key: null,
    title,
    titleEdited: true,
    kind: "open",
    minutes: "10",
    presenterId: null,
  };
}

export function moveDraft(rows: readonly DraftPhase[], from: number, to: number): DraftPhase[] {
  if (to < 0 || to >= rows.length || from === to) return [...rows];
  const next = [...rows];
  const [row] = next.splice(from, 1);
  if (row) next.splice(to, 0, row);
  return next;
}

export function draftMinutes(row: DraftPhase): number | null {
  const n = Number(row.minutes.trim());
  return Number.isInteger(n) && n >= MIN_PHASE_MINUTES && n <= MAX_PHASE_MINUTES ? n : null;
}

export type DraftProblems = Partial<Record<string, "title" | "minutes">>;

/**
 * The phases to send, or the rows that need fixing (by row id). A template phase whose title
 * was not touched keeps only its key, so it reads in each person's language; an edited title
 * becomes the phase's own title.
 */
export function phasesFromDraft(
  rows: readonly DraftPhase[],
): { phases: AgendaPhaseInput[] } | { problems: DraftProblems } {
  const problems: DraftProblems = {};
  const phases: AgendaPhaseInput[] = [];
  for (const row of rows) {
    const title = row.title.trim();
    const minutes = draftMinutes(row);
    const ownTitle = row.titleEdited && title !== "" ? title.slice(0, 120) : null;
    if (ownTitle === null && row.key === null) problems[row.rowId] = "title";
    else if (minutes === null) problems[row.rowId] = "minutes";
    if (minutes === null || (ownTitle === null && row.key === null)) continue;
    phases.push({
      ...(row.id ? { id: row.id } : {}),
      key: row.key,
      title: ownTitle,
      kind: row.kind,
      plannedSeconds: minutes * 60,
      presenterId: row.presenterId,
    });
  }
  if (rows.length > MAX_PHASES) return { problems };
  return Object.keys(problems).length > 0 ? { problems } : { phases };
}

export function totalMinutes(rows: readonly DraftPhase[]): number {
  return rows.reduce((sum, row) => sum + (draftMinutes(row) ?? 0), 0);
}
