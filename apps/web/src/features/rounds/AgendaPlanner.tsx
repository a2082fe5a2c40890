import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Member } from "@piiri/protocol/groups";
import type { SessionSummary } from "@piiri/protocol/sessions";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { isApiError, ApiError } from "../../lib/apiError.ts";
import { useDateFormat } from "../../lib/format.ts";
import { AgendaEditor } from "./AgendaEditor.tsx";
import { useAgenda, usePutAgenda } from "./agendaApi.ts";
import "./rounds.css";

function asApiError(error: unknown): ApiError {
  return isApiError(error) ? error : new ApiError(0, "UNKNOWN");
}

/** The supervisor plans a coming session's agenda from the group page. */
export function AgendaPlanner({
  sessions,
  members,
}: {
  sessions: readonly SessionSummary[];
  members: readonly Member[];
}) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const selectId = useId();
  const upcoming = [...sessions]
    .filter((s) => s.status === "scheduled" || s.status === "open")
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const [chosen, setChosen] = useState<string | null>(null);
  const sessionId = chosen ?? upcoming[0]?.id ?? null;

  return (
    <section className="card stack section" aria-labelledby="agenda-planner-title">
      <h2 id="agenda-planner-title">{t("rounds.planner.title")}</h2>
      <p className="muted">{t("rounds.planner.intro")}</p>
      {sessionId === null ? (
        <p className="muted">{t("rounds.planner.noSessions")}</p>
      ) : (
        <>
          {upcoming.length > 1 ? (
            <div className="field narrow-left">
              <label htmlFor={selectId}>{t("rounds.planner.session")}</label>
              <select id={selectId} value={sessionId} onChange={(e) => setChosen(e.target.value)}>
                {upcoming.map((s) => (
                  <option key={s.id} value={s.id}>
                    {format.dateTime(s.startsAt)}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <p>
              <strong>{t("rounds.planner.session")}:</strong>{" "}
              {upcoming[0] ? format.dateTime(upcoming[0].startsAt) : null}
            </p>
          )}
          <SessionAgendaEditor key={sessionId} sessionId={sessionId} members={members} />
        </>
      )}
    </section>
  );
}

function SessionAgendaEditor({
  sessionId,
  members,
}: {
  sessionId: string;
  members: readonly Member[];
}) {
  const agenda = useAgenda(sessionId);
  const put = usePutAgenda(sessionId);
  if (agenda.isPending) return <Loading />;
  if (agenda.isError) return <ErrorAlert error={agenda.error} />;
  const { state } = agenda.data;
  return (
    <AgendaEditor
      phases={state.phases}
      members={members}
      currentPhaseId={state.current?.phaseId ?? null}
      templateAllowed={state.status === "planned"}
      onSave={async (phases) => {
        try {
          await put.mutateAsync({ phases });
          return null;
        } catch (error) {
          return asApiError(error);
        }
      }}
      onApplyTemplate={async (template) => {
        try {
          await put.mutateAsync({ template });
          return null;
        } catch (error) {
          return asApiError(error);
        }
      }}
    />
  );
}
