import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import {
  AgendaTemplateKey,
  MAX_PHASES,
  PhaseKind,
  type AgendaPhase,
  type AgendaPhaseInput,
} from "@piiri/protocol/rounds";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import type { ApiError } from "../../lib/apiError.ts";
import {
  MAX_PHASE_MINUTES,
  MIN_PHASE_MINUTES,
  draftFrom,
  moveDraft,
  newDraftPhase,
  phasesFromDraft,
  totalMinutes,
  type DraftPhase,
  type DraftProblems,
} from "./agendaDraft.ts";
import { ArrowIcon, CloseIcon } from "./icons.tsx";
import { phaseTitle } from "./phaseTitle.ts";

export interface AgendaMember {
  membershipId: string;
  displayName: string;
}

/**
 * Edits the agenda's phases: a template to start from (before the agenda has started), then
 * title, length, format and presenter per phase, reordering, adding and removing. Used on the
 * group page before the session (over HTTP) and in the session (over the socket).
 */
export function AgendaEditor({
  phases,
  members,
  currentPhaseId,
  templateAllowed,
  onSave,
  onApplyTemplate,
  onDone,
}: {
  phases: readonly AgendaPhase[];
  members: readonly AgendaMember[];
  currentPhaseId: string | null;
  templateAllowed: boolean;
  onSave: (phases: AgendaPhaseInput[]) => Promise<ApiError | null>;
  onApplyTemplate: (template: AgendaTemplateKey) => Promise<ApiError | null>;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const formId = useId();
  const titleOf = (phase: Pick<AgendaPhase, "key" | "title">) => phaseTitle(t, phase);
  const [rows, setRows] = useState<DraftPhase[]>(() => draftFrom(phases, titleOf));
  const [problems, setProblems] = useState<DraftProblems>({});
  const [template, setTemplate] = useState<AgendaTemplateKey | "">("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  // After a template is applied the server's new phases replace the rows, whichever comes
  // first: the acknowledgement or the broadcast state.
  const phasesBeforeTemplate = useRef<readonly AgendaPhase[] | null>(null);
  useEffect(() => {
    if (phasesBeforeTemplate.current === null || phasesBeforeTemplate.current === phases) return;
    phasesBeforeTemplate.current = null;
    setRows(draftFrom(phases, (phase) => phaseTitle(t, phase)));
    setProblems({});
  }, [phases, t]);

  function update(rowId: string, change: Partial<DraftPhase>) {
    setSaved(false);
    setRows((current) => current.map((row) => (row.rowId === rowId ? { ...row, ...change } : row)));
    setProblems((current) => ({ ...current, [rowId]: undefined }));
  }

  async function applyTemplate() {
    if (!template) return;
    setBusy(true);
    phasesBeforeTemplate.current = phases;
    const failure = await onApplyTemplate(template);
    setBusy(false);
    setError(failure);
    if (failure) phasesBeforeTemplate.current = null;
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = phasesFromDraft(rows);
    if ("problems" in result) {
      setProblems(result.problems);
      return;
    }
    setBusy(true);
    const failure = await onSave(result.phases);
    setBusy(false);
    setError(failure);
    if (!failure) {
      setSaved(true);
      onDone?.();
    }
  }

  return (
    <div className="agenda-editor stack">
      {templateAllowed ? (
        <div className="agenda-editor__template">
          <div className="field">
            <label htmlFor={`${formId}-template`}>{t("rounds.planner.template")}</label>
            <select
              id={`${formId}-template`}
              value={template}
              aria-describedby={`${formId}-template-hint`}
              onChange={(e) =>
                setTemplate(e.target.value === "" ? "" : AgendaTemplateKey.parse(e.target.value))
              }
            >
              <option value="">{t("rounds.planner.chooseTemplate")}</option>
              {AgendaTemplateKey.options.map((key) => (
                <option key={key} value={key}>
                  {t(`rounds.templates.${key}`)}
                </option>
              ))}
            </select>
            <p id={`${formId}-template-hint`} className="field-hint">
              {t("rounds.planner.templateReplaces")}
            </p>
          </div>
          <button
            type="button"
            className="button button--secondary"
            disabled={busy || template === ""}
            onClick={() => void applyTemplate()}
          >
            {t("rounds.planner.applyTemplate")}
          </button>
        </div>
      ) : null}
      <form
        className="form"
        onSubmit={(e) => void onSubmit(e)}
        noValidate
        aria-label={t("rounds.agenda.edit")}
      >
        <ErrorAlert error={error} />
        <ol className="phase-rows">
          {rows.map((row, index) => {
            const problem = problems[row.rowId];
            const label = row.title.trim() || t("rounds.phases.untitled");
            const isCurrent = row.id !== undefined && row.id === currentPhaseId;
            return (
              <li
                key={row.rowId}
                className="phase-row"
                aria-label={t("rounds.planner.phaseRow", { position: index + 1, title: label })}
              >
                <div className="phase-row__fields">
                  <div className="field phase-row__title">
                    <label htmlFor={`${formId}-${row.rowId}-title`}>
                      {t("rounds.planner.phaseTitle")}
                    </label>
                    <input
                      id={`${formId}-${row.rowId}-title`}
                      value={row.title}
                      maxLength={120}
                      aria-invalid={problem === "title" ? true : undefined}
                      aria-describedby={
                        problem === "title" ? `${formId}-${row.rowId}-title-error` : undefined
                      }
                      onChange={(e) =>
                        update(row.rowId, {
                          title: e.target.value,
                          titleEdited:
                            row.key === null ||
                            e.target.value !== titleOf({ key: row.key, title: null }),
                        })
                      }
                    />
                    {problem === "title" ? (
                      <p id={`${formId}-${row.rowId}-title-error`} className="field-error">
                        {t("validation.required")}
                      </p>
                    ) : null}
                  </div>
                  <div className="field phase-row__minutes">
                    <label htmlFor={`${formId}-${row.rowId}-minutes`}>
                      {t("rounds.planner.phaseMinutes")}
                    </label>
                    <input
                      id={`${formId}-${row.rowId}-minutes`}
                      type="number"
                      inputMode="numeric"
                      min={MIN_PHASE_MINUTES}
                      max={MAX_PHASE_MINUTES}
                      value={row.minutes}
                      aria-invalid={problem === "minutes" ? true : undefined}
                      aria-describedby={
                        problem === "minutes" ? `${formId}-${row.rowId}-minutes-error` : undefined
                      }
                      onChange={(e) => update(row.rowId, { minutes: e.target.value })}
                    />
                    {problem === "minutes" ? (
                      <p id={`${formId}-${row.rowId}-minutes-error`} className="field-error">
                        {t("rounds.planner.invalidMinutes", {
                          min: MIN_PHASE_MINUTES,
                          max: MAX_PHASE_MINUTES,
                        })}
                      </p>
                    ) : null}
                  </div>
                  <div className="field phase-row__kind">
                    <label htmlFor={`${formId}-${row.rowId}-kind`}>
                      {t("rounds.planner.phaseKind")}
                    </label>
                    <select
                      id={`${formId}-${row.rowId}-kind`}
                      value={row.kind}
                      onChange={(e) => update(row.rowId, { kind: PhaseKind.parse(e.target.value) })}
                    >
                      {PhaseKind.options.map((kind) => (
                        <option key={kind} value={kind}>
                          {t(`rounds.kinds.${kind}`)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field phase-row__presenter">
                    <label htmlFor={`${formId}-${row.rowId}-presenter`}>
                      {t("rounds.planner.presenter")}
                    </label>
                    <select
                      id={`${formId}-${row.rowId}-presenter`}
                      value={row.presenterId ?? ""}
                      onChange={(e) => update(row.rowId, { presenterId: e.target.value || null })}
                    >
                      <option value="">{t("rounds.planner.noPresenter")}</option>
                      {members.map((m) => (
                        <option key={m.membershipId} value={m.membershipId}>
                          {m.displayName}
                        </option>
                      ))}
                    </select>
                  </div>
                </div>
                <div className="phase-row__tools">
                  <button
                    type="button"
                    className="icon-button"
                    disabled={index === 0}
                    aria-label={t("rounds.planner.moveUp", { title: label })}
                    onClick={() => setRows((r) => moveDraft(r, index, index - 1))}
                  >
                    <ArrowIcon direction="up" />
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    disabled={index === rows.length - 1}
                    aria-label={t("rounds.planner.moveDown", { title: label })}
                    onClick={() => setRows((r) => moveDraft(r, index, index + 1))}
                  >
                    <ArrowIcon direction="down" />
                  </button>
                  <button
                    type="button"
                    className="icon-button icon-button--danger"
                    disabled={isCurrent}
                    aria-label={t("rounds.planner.removePhase", { title: label })}
                    onClick={() => setRows((r) => r.filter((x) => x.rowId !== row.rowId))}
                  >
                    <CloseIcon />
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
        <div className="actions">
          <button
            type="button"
            className="button button--secondary"
            disabled={rows.length >= MAX_PHASES}
            onClick={() => setRows((r) => [...r, newDraftPhase(t("rounds.planner.newPhase"))])}
          >
            {t("rounds.planner.addPhase")}
          </button>
          <span className="muted small">
            {t("rounds.planner.total", { minutes: totalMinutes(rows) })}
          </span>
        </div>
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("rounds.planner.saving") : t("rounds.planner.save")}
          </button>
          {onDone ? (
            <button type="button" className="button button--secondary" onClick={onDone}>
              {t("rounds.planner.cancel")}
            </button>
          ) : null}
          {saved ? (
            <span role="status" className="small">
              {t("rounds.planner.saved")}
            </span>
          ) : null}
        </div>
      </form>
    </div>
  );
}
