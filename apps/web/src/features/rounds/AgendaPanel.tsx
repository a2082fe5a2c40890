import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CommandButton } from "./CommandButton.tsx";
import { useCommand } from "./useCommand.ts";
import { currentPhase } from "@piiri/domain/agenda-views";
import type { ClientRequest } from "@piiri/protocol/realtime";
import type { AgendaPhase, AgendaState } from "@piiri/protocol/rounds";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import type { ApiError } from "../../lib/apiError.ts";
import { AgendaEditor, type AgendaMember } from "./AgendaEditor.tsx";
import { formatClock } from "./formatClock.ts";
import { phaseTitle } from "./phaseTitle.ts";
import { useRounds } from "./RoundsContext.tsx";
import { useCountdown } from "./useCountdown.ts";
import { usePhaseCues } from "./usePhaseCues.ts";

/**
 * The session's agenda for everyone: the phases, the one the group is in and its time. The
 * supervisor (or co-supervisor) moves the group from phase to phase and edits the agenda here.
 */
export function AgendaPanel({ members }: { members: readonly AgendaMember[] }) {
  const { t } = useTranslation();
  const { snapshot, clock, canFacilitate, send, sessionId } = useRounds();
  const [editing, setEditing] = useState(false);
  const { run, busy, error } = useCommand(send);
  const state = snapshot?.state ?? null;
  const phase = state ? currentPhase(state) : null;
  const cue = usePhaseCues(phase, state ? state.paused : null);
  const phaseMs = useCountdown(state?.current?.timer ?? null, `phase|${phase?.id ?? ""}`, clock);

  const nameOf = (id: string | null) =>
    id ? (members.find((m) => m.membershipId === id)?.displayName ?? null) : null;

  if (!state) {
    return (
      <section
        className="card rounds-card"
        aria-labelledby="agenda-title"
        data-testid="agenda-panel"
      >
        <h2 id="agenda-title">{t("rounds.agenda.title")}</h2>
        <p className="muted" role="status">
          {t("common.loading")}
        </p>
      </section>
    );
  }

  const currentIndex = phase ? state.phases.findIndex((p) => p.id === phase.id) : -1;
  const presenter = nameOf(phase?.presenterId ?? null);

  return (
    <section className="card rounds-card" aria-labelledby="agenda-title" data-testid="agenda-panel">
      <div className="rounds-card__head">
        <h2 id="agenda-title">{t("rounds.agenda.title")}</h2>
        {canFacilitate && !editing && state.status !== "ended" ? (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setEditing(true)}
          >
            {t("rounds.agenda.edit")}
          </button>
        ) : null}
      </div>
      <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {cue}
      </p>
      <ErrorAlert error={error} />
      {phase ? (
        <div className={`phase-now${phaseMs !== null && phaseMs <= 0 ? " phase-now--over" : ""}`}>
          <p className="phase-now__label">{t("rounds.agenda.current")}</p>
          <p className="phase-now__title" data-testid="current-phase">
            {phaseTitle(t, phase)}
          </p>
          <p className="phase-now__time">
            <span className="phase-now__time-label">
              {phaseMs !== null && phaseMs <= -1000
                ? t("rounds.agenda.phaseOver")
                : t("rounds.agenda.phaseRemaining")}
            </span>{" "}
            <span className="phase-now__clock" data-testid="phase-time">
              {phaseMs === null ? "–:––" : formatClock(phaseMs)}
            </span>
          </p>
          {state.paused ? <p className="phase-now__state">{t("rounds.agenda.paused")}</p> : null}
          {presenter ? (
            <p className="small">
              {phase.kind === "listen"
                ? t("rounds.agenda.listening", { name: presenter })
                : t("rounds.agenda.presenter", { name: presenter })}
            </p>
          ) : null}
        </div>
      ) : (
        <p className="muted">
          {state.status === "ended"
            ? t("rounds.agenda.ended")
            : state.phases.length === 0
              ? t("rounds.agenda.empty")
              : t("rounds.agenda.notStarted")}
        </p>
      )}
      {canFacilitate && state.status !== "ended" && !editing ? (
        <AgendaControls state={state} busy={busy} run={run} sessionId={sessionId} />
      ) : null}
      {editing ? (
        <AgendaEditor
          phases={state.phases}
          members={members}
          currentPhaseId={phase?.id ?? null}
          templateAllowed={state.status === "planned"}
          onSave={(phases) => run({ type: "agenda.set", sessionId, phases })}
          onApplyTemplate={(template) => run({ type: "agenda.applyTemplate", sessionId, template })}
          onDone={() => setEditing(false)}
        />
      ) : (
        <PhaseList
          phases={state.phases}
          currentIndex={currentIndex}
          ended={state.status === "ended"}
          canFacilitate={canFacilitate}
          busy={busy}
          onGo={(p) => void run({ type: "agenda.startPhase", sessionId, phaseId: p.id })}
          nameOf={nameOf}
        />
      )}
      {canFacilitate && state.phases.length === 0 && !editing ? (
        <p className="small muted">{t("rounds.agenda.emptyFacilitator")}</p>
      ) : null}
    </section>
  );
}

function AgendaControls({
  state,
  busy,
  run,
  sessionId,
}: {
  state: AgendaState;
  busy: boolean;
  run: (message: ClientRequest) => Promise<ApiError | null>;
  sessionId: string;
}) {
  const { t } = useTranslation();
  if (state.phases.length === 0) return null;
  const started = state.current !== null;
  const isLast = started && state.phases.at(-1)?.id === state.current?.phaseId;
  return (
    <div className="round-controls" role="group" aria-label={t("rounds.agenda.controls")}>
      <CommandButton
        command={{ type: "agenda.nextPhase", sessionId }}
        run={run}
        busy={busy}
        tone="primary"
      >
        {!started
          ? t("rounds.agenda.start")
          : isLast
            ? t("rounds.agenda.finish")
            : t("rounds.agenda.next")}
      </CommandButton>
      {started ? (
        <>
          {state.paused ? (
            <CommandButton command={{ type: "agenda.resume", sessionId }} run={run} busy={busy}>
              {t("rounds.agenda.resume")}
            </CommandButton>
          ) : (
            <CommandButton command={{ type: "agenda.pause", sessionId }} run={run} busy={busy}>
              {t("rounds.agenda.pause")}
            </CommandButton>
          )}
          <CommandButton
            command={{ type: "agenda.extendPhase", sessionId, seconds: 60 }}
            run={run}
            busy={busy}
          >
            {t("rounds.agenda.extend")}
          </CommandButton>
        </>
      ) : null}
    </div>
  );
}

function PhaseList({
  phases,
  currentIndex,
  ended,
  canFacilitate,
  busy,
  onGo,
  nameOf,
}: {
  phases: readonly AgendaPhase[];
  currentIndex: number;
  ended: boolean;
  canFacilitate: boolean;
  busy: boolean;
  onGo: (phase: AgendaPhase) => void;
  nameOf: (id: string | null) => string | null;
}) {
  const { t } = useTranslation();
  if (phases.length === 0) return null;
  return (
    <ol className="phase-list" aria-label={t("rounds.agenda.phaseList")} data-testid="phase-list">
      {phases.map((phase, index) => {
        const isCurrent = index === currentIndex;
        const done = ended || (currentIndex >= 0 && index < currentIndex);
        const title = phaseTitle(t, phase);
        const presenter = nameOf(phase.presenterId);
        return (
          <li
            key={phase.id}
            className={`phase-list__item${isCurrent ? " phase-list__item--current" : ""}${
              done ? " phase-list__item--done" : ""
            }`}
            aria-current={isCurrent ? "step" : undefined}
          >
            <span className="phase-list__main">
              <span className="phase-list__title">{title}</span>
              <span className="phase-list__meta">
                {t("rounds.agenda.minutes", { count: Math.round(phase.plannedSeconds / 60) })}
                {" · "}
                {t(`rounds.kinds.${phase.kind}`)}
                {presenter ? ` · ${presenter}` : null}
              </span>
            </span>
            {canFacilitate && !isCurrent && !ended ? (
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={busy}
                aria-label={t("rounds.agenda.startThis", { title })}
                onClick={() => onGo(phase)}
              >
                {t("rounds.agenda.goHere")}
              </button>
            ) : null}
            {isCurrent ? (
              <span className="badge badge--open">{t("rounds.agenda.current")}</span>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
