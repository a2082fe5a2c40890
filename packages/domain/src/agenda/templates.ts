import type { AgendaPhase, AgendaTemplateKey, PhaseKind } from "@piiri/protocol/rounds";

export interface TemplatePhase {
  /** Stable key; the web translates the title by it (`rounds.phases.<key>`). */
  key: string;
  kind: PhaseKind;
  plannedMinutes: number;
}

/**
 * The agenda templates. Keys are stable: renaming one breaks saved agendas' titles in the web.
 * Group supervision adds up to 90 minutes; its solution-focused reflecting team has the
 * presenter listening during the reflections.
 */
export const AGENDA_TEMPLATES: Readonly<Record<AgendaTemplateKey, readonly TemplatePhase[]>> = {
  groupSupervision: [
    { key: "groupSupervision.checkIn", kind: "round", plannedMinutes: 15 },
    { key: "groupSupervision.case", kind: "open", plannedMinutes: 5 },
    { key: "groupSupervision.reflectingTeam.request", kind: "open", plannedMinutes: 5 },
    { key: "groupSupervision.reflectingTeam.outline", kind: "open", plannedMinutes: 10 },
    { key: "groupSupervision.reflectingTeam.questions", kind: "round", plannedMinutes: 10 },
    { key: "groupSupervision.reflectingTeam.affirmations", kind: "round", plannedMinutes: 5 },
    { key: "groupSupervision.reflectingTeam.reflections", kind: "listen", plannedMinutes: 15 },
    { key: "groupSupervision.reflectingTeam.response", kind: "open", plannedMinutes: 10 },
    { key: "groupSupervision.closing", kind: "round", plannedMinutes: 15 },
  ],
  workplaceMediation: [
    { key: "workplaceMediation.preparation", kind: "open", plannedMinutes: 15 },
    { key: "workplaceMediation.opening", kind: "open", plannedMinutes: 10 },
    { key: "workplaceMediation.problemDefinition", kind: "round", plannedMinutes: 20 },
    { key: "workplaceMediation.discussion", kind: "open", plannedMinutes: 30 },
    { key: "workplaceMediation.solutions", kind: "open", plannedMinutes: 25 },
    { key: "workplaceMediation.followUp", kind: "open", plannedMinutes: 10 },
  ],
  developmentDay: [
    { key: "developmentDay.opening", kind: "round", plannedMinutes: 20 },
    { key: "developmentDay.currentState", kind: "open", plannedMinutes: 45 },
    { key: "developmentDay.break", kind: "break", plannedMinutes: 15 },
    { key: "developmentDay.goals", kind: "open", plannedMinutes: 60 },
    { key: "developmentDay.lunch", kind: "break", plannedMinutes: 45 },
    { key: "developmentDay.actions", kind: "open", plannedMinutes: 60 },
    { key: "developmentDay.closing", kind: "round", plannedMinutes: 20 },
  ],
};

/** A template's phases with the given ids (the caller draws them; the domain has no randomness). */
export function templatePhases(template: AgendaTemplateKey, ids: readonly string[]): AgendaPhase[] {
  const phases = AGENDA_TEMPLATES[template];
  if (ids.length < phases.length) throw new Error(`template ${template} needs ${phases.length} ids`);
  return phases.map((phase, index) => ({
    id: ids[index] as string,
    key: phase.key,
    title: null,
    kind: phase.kind,
    plannedSeconds: phase.plannedMinutes * 60,
    presenterId: null,
  }));
}
