import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { MAX_TURN_SECONDS, MIN_TURN_SECONDS, type RoundOrder } from "@piiri/protocol/rounds";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import type { ApiError } from "../../lib/apiError.ts";
import { orderParticipants } from "../session/presenceState.ts";
import { useRounds } from "./RoundsContext.tsx";
import { mergeEntries, roundStartMessage, type TurnTime } from "./roundSetupState.ts";
import { SpeakerOrderList, type OrderEntry } from "./SpeakerOrderList.tsx";

const ORDERS: RoundOrder[] = ["fixed", "shuffled", "custom"];

/** The supervisor starts a round in the current phase: order, time per speaker, who is in it. */
export function RoundSetup() {
  const { t, i18n } = useTranslation();
  const { send, sessionId, snapshot, present } = useRounds();
  const formId = useId();
  const [order, setOrder] = useState<RoundOrder>("fixed");
  // The supervisor's arrangement; merged with who is present on every render.
  const [arranged, setArranged] = useState<readonly OrderEntry[]>([]);
  const [turn, setTurn] = useState<TurnTime>({ minutes: "2", seconds: "0" });
  const [autoAdvance, setAutoAdvance] = useState(true);
  const [addLateJoiners, setAddLateJoiners] = useState(true);
  const [problem, setProblem] = useState<"turn" | "nobody" | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const entries = mergeEntries(
    arranged,
    orderParticipants([...present], i18n.language),
    snapshot?.spotlight.listeningIds,
  );

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = roundStartMessage(sessionId, {
      order,
      entries,
      turn,
      autoAdvance,
      addLateJoiners,
    });
    if ("problem" in result) {
      setProblem(result.problem);
      return;
    }
    setProblem(null);
    setBusy(true);
    setError(await send(result.message));
    setBusy(false);
  }

  const turnError =
    problem === "turn"
      ? t("rounds.setup.invalidTurn", { min: MIN_TURN_SECONDS, max: MAX_TURN_SECONDS / 60 })
      : undefined;

  return (
    <form
      className="form round-setup"
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-labelledby={`${formId}-title`}
    >
      <h3 id={`${formId}-title`} className="rounds-subtitle">
        {t("rounds.setup.title")}
      </h3>
      <ErrorAlert error={error} />
      <fieldset>
        <legend>{t("rounds.setup.orderMode")}</legend>
        <div className="choice-row">
          {ORDERS.map((value) => (
            <label key={value} className="choice">
              <input
                type="radio"
                name={`${formId}-order`}
                value={value}
                checked={order === value}
                onChange={() => setOrder(value)}
              />
              {t(`rounds.setup.${value}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset aria-describedby={`${formId}-turn-hint${turnError ? ` ${formId}-turn-error` : ""}`}>
        <legend>{t("rounds.setup.turnSeconds")}</legend>
        <div className="turn-time">
          <label className="turn-time__part">
            <input
              type="number"
              inputMode="numeric"
              min={0}
              max={MAX_TURN_SECONDS / 60}
              value={turn.minutes}
              aria-invalid={turnError ? true : undefined}
              onChange={(e) => setTurn({ ...turn, minutes: e.target.value })}
            />
            <span>{t("rounds.setup.turnMinutes")}</span>
          </label>
          <label className="turn-time__part">
            <input
              type="number"
              inputMode="numeric"
              min={0}
              max={59}
              value={turn.seconds}
              aria-invalid={turnError ? true : undefined}
              onChange={(e) => setTurn({ ...turn, seconds: e.target.value })}
            />
            <span>{t("rounds.setup.turnSecondsUnit")}</span>
          </label>
        </div>
        <p id={`${formId}-turn-hint`} className="field-hint">
          {t("rounds.setup.turnHint", { min: MIN_TURN_SECONDS, max: MAX_TURN_SECONDS / 60 })}
        </p>
        {turnError ? (
          <p id={`${formId}-turn-error`} className="field-error">
            {turnError}
          </p>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>{t("rounds.setup.who")}</legend>
        {order === "custom" ? <p className="field-hint">{t("rounds.setup.customHelp")}</p> : null}
        {entries.length === 0 ? (
          <p className="muted">{t("rounds.setup.nobodyPresent")}</p>
        ) : (
          <SpeakerOrderList
            entries={[...entries]}
            sortable={order === "custom"}
            onChange={(next) => {
              setArranged(next);
              setProblem(null);
            }}
          />
        )}
        {problem === "nobody" ? <p className="field-error">{t("errors.ROUND_EMPTY")}</p> : null}
      </fieldset>
      <label className="choice">
        <input
          type="checkbox"
          checked={autoAdvance}
          onChange={(e) => setAutoAdvance(e.target.checked)}
        />
        {t("rounds.setup.autoAdvance")}
      </label>
      <label className="choice">
        <input
          type="checkbox"
          checked={addLateJoiners}
          onChange={(e) => setAddLateJoiners(e.target.checked)}
        />
        {t("rounds.setup.addLateJoiners")}
      </label>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("rounds.setup.starting") : t("rounds.setup.start")}
        </button>
      </div>
    </form>
  );
}
