import { useCallback, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { CommandButton } from "./CommandButton.tsx";
import { useCommand } from "./useCommand.ts";
import { currentPhase, currentSpeaker, nextSpeaker } from "@piiri/domain/agenda-views";
import type { ClientRequest } from "@piiri/protocol/realtime";
import type { Round } from "@piiri/protocol/rounds";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { formatClock } from "./formatClock.ts";
import { EarIcon } from "./icons.tsx";
import { useRounds } from "./RoundsContext.tsx";
import { RoundSetup } from "./RoundSetup.tsx";
import { SoundToggle } from "./SoundToggle.tsx";
import { useSoundMuted } from "./turnSound.ts";
import { useCountdown } from "./useCountdown.ts";
import { useTurnCues } from "./useTurnCues.ts";

/**
 * Who speaks now, who is next, and the speaker's time: the same for everyone, from the server's
 * state and deadlines. The supervisor (or co-supervisor) runs the round from here; the speaker
 * can pass. A polite live region reads turn changes and the last 30 seconds.
 */
export function RoundPanel() {
  const { t } = useTranslation();
  const { snapshot, clock, myMembershipId, canFacilitate, send, sessionId } = useRounds();
  const [muted] = useSoundMuted();
  const { run, busy, error } = useCommand(send);
  const state = snapshot?.state ?? null;
  const round = state?.round ?? null;
  const running = round?.status === "running" ? round : null;
  const turnMs = useCountdown(
    running?.turn ?? null,
    `turn|${running?.id ?? ""}|${running?.turnNumber ?? 0}`,
    clock,
  );

  const nameOf = useCallback(
    (id: string) => round?.speakers.find((s) => s.membershipId === id)?.displayName ?? "",
    [round],
  );
  const announcement = useTurnCues({ state, turnMs, myMembershipId, nameOf, muted });

  const phase = state ? currentPhase(state) : null;
  const speaker = state ? currentSpeaker(state) : null;
  const next = state ? nextSpeaker(state) : null;
  const listening = snapshot?.spotlight.listeningIds.includes(myMembershipId) ?? false;

  return (
    <section className="card rounds-card" aria-labelledby="round-title" data-testid="round-panel">
      <div className="rounds-card__head">
        <h2 id="round-title">{t("rounds.round.title")}</h2>
        <SoundToggle />
      </div>
      <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      {listening ? (
        <div className="listen-only" data-testid="listen-only-marker">
          <span className="listen-only__icon">
            <EarIcon />
          </span>
          <div>
            <strong>{t("rounds.round.listenOnly")}</strong>
            <p>{t("rounds.round.listenOnlyHelp")}</p>
          </div>
        </div>
      ) : null}
      <ErrorAlert error={error} />
      {running && speaker ? (
        <>
          <div
            className={`speaker-clock${turnMs !== null && turnMs <= 0 ? " speaker-clock--over" : ""}`}
          >
            <p className="speaker-clock__label">
              {speaker.membershipId === myMembershipId
                ? t("rounds.round.you")
                : t("rounds.round.speakingNow")}
            </p>
            <p className="speaker-clock__name" data-testid="round-speaker">
              {speaker.displayName}
            </p>
            <p className="speaker-clock__time" data-testid="round-time">
              <span className="visually-hidden">
                {turnMs !== null && turnMs <= -1000
                  ? t("rounds.round.overtime")
                  : t("rounds.round.remaining")}
                :{" "}
              </span>
              {turnMs === null ? "–:––" : formatClock(turnMs)}
            </p>
            {state?.paused ? (
              <p className="speaker-clock__state">{t("rounds.round.paused")}</p>
            ) : null}
            <p className="speaker-clock__next">
              {next ? (
                <>
                  {t("rounds.round.next")}:{" "}
                  <strong data-testid="round-next">{next.displayName}</strong>
                </>
              ) : (
                <span data-testid="round-next-none">{t("rounds.round.nobodyNext")}</span>
              )}
            </p>
          </div>
          {speaker.membershipId === myMembershipId ? (
            <div className="actions">
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => void run({ type: "round.pass", sessionId })}
              >
                {t("rounds.round.pass")}
              </button>
            </div>
          ) : null}
          {canFacilitate ? (
            <RoundControls
              paused={state?.paused ?? false}
              busy={busy}
              speakerName={speaker.displayName}
              run={run}
              sessionId={sessionId}
            />
          ) : null}
          <p className="small muted">
            {running.autoAdvance ? t("rounds.round.autoOn") : t("rounds.round.autoOff")}
          </p>
          {canFacilitate ? (
            <AddToRound round={running} busy={busy} run={run} sessionId={sessionId} />
          ) : null}
          <SpeakingOrder round={running} myMembershipId={myMembershipId} />
        </>
      ) : (
        <>
          <p className="muted">
            {round?.status === "ended" ? t("rounds.round.ended") : t("rounds.round.none")}
          </p>
          {canFacilitate ? (
            phase ? (
              <RoundSetup key={phase.id} />
            ) : (
              <p className="small muted">{t("rounds.round.noneNeedsPhase")}</p>
            )
          ) : null}
        </>
      )}
    </section>
  );
}

function RoundControls({
  paused,
  busy,
  speakerName,
  run,
  sessionId,
}: {
  paused: boolean;
  busy: boolean;
  speakerName: string;
  run: (message: ClientRequest) => Promise<unknown>;
  sessionId: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="round-controls" role="group" aria-label={t("rounds.round.controls")}>
      <CommandButton
        command={{ type: "round.back", sessionId }}
        run={run}
        busy={busy}
        label={t("rounds.round.backLabel")}
      >
        {t("rounds.round.back")}
      </CommandButton>
      {paused ? (
        <CommandButton
          command={{ type: "agenda.resume", sessionId }}
          run={run}
          busy={busy}
          tone="primary"
        >
          {t("rounds.round.resume")}
        </CommandButton>
      ) : (
        <CommandButton command={{ type: "agenda.pause", sessionId }} run={run} busy={busy}>
          {t("rounds.round.pause")}
        </CommandButton>
      )}
      <CommandButton
        command={{ type: "round.extend", sessionId, seconds: 60 }}
        run={run}
        busy={busy}
        label={t("rounds.round.extendLabel")}
      >
        {t("rounds.round.extend")}
      </CommandButton>
      <CommandButton
        command={{ type: "round.skip", sessionId }}
        run={run}
        busy={busy}
        label={t("rounds.round.skipLabel", { name: speakerName })}
      >
        {t("rounds.round.skip")}
      </CommandButton>
      <CommandButton
        command={{ type: "round.next", sessionId }}
        run={run}
        busy={busy}
        tone="primary"
        label={t("rounds.round.nextTurnLabel")}
      >
        {t("rounds.round.nextTurn")}
      </CommandButton>
      <CommandButton command={{ type: "round.end", sessionId }} run={run} busy={busy} tone="danger">
        {t("rounds.round.end")}
      </CommandButton>
    </div>
  );
}

function SpeakingOrder({ round, myMembershipId }: { round: Round; myMembershipId: string }) {
  const { t } = useTranslation();
  return (
    <div>
      <h3 className="rounds-subtitle" id="speaking-order-title">
        {t("rounds.round.order")}
      </h3>
      <ol
        className="speaking-order"
        aria-labelledby="speaking-order-title"
        data-testid="speaking-order"
      >
        {round.speakers.map((s, index) => {
          const isCurrent = index === round.current;
          return (
            <li
              key={s.membershipId}
              className={`speaking-order__item speaking-order__item--${s.outcome}${
                isCurrent ? " speaking-order__item--current" : ""
              }`}
              aria-current={isCurrent ? "true" : undefined}
            >
              <span className="speaking-order__name">
                {s.displayName}
                {s.membershipId === myMembershipId ? (
                  <span className="muted"> {t("session.you")}</span>
                ) : null}
              </span>
              <span className="speaking-order__state">
                {isCurrent
                  ? t("rounds.round.speakingNow")
                  : !s.present && s.outcome === "pending"
                    ? t("rounds.round.absent")
                    : t(`rounds.round.outcome.${s.outcome}`)}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/** A facilitator adds someone present who is not in the round yet (at the end of the order). */
function AddToRound({
  round,
  busy,
  run,
  sessionId,
}: {
  round: Round;
  busy: boolean;
  run: (message: ClientRequest) => Promise<unknown>;
  sessionId: string;
}) {
  const { t } = useTranslation();
  const { present } = useRounds();
  const selectId = useId();
  const [chosen, setChosen] = useState("");
  const inRound = new Set(round.speakers.map((s) => s.membershipId));
  const candidates = present.filter((p) => !inRound.has(p.membershipId));
  if (candidates.length === 0) return null;
  const membershipId = candidates.some((c) => c.membershipId === chosen)
    ? chosen
    : (candidates[0]?.membershipId ?? "");
  return (
    <div className="add-to-round">
      <div className="field">
        <label htmlFor={selectId}>{t("rounds.round.addWho")}</label>
        <select id={selectId} value={membershipId} onChange={(e) => setChosen(e.target.value)}>
          {candidates.map((c) => (
            <option key={c.membershipId} value={c.membershipId}>
              {c.displayName}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={busy || membershipId === ""}
        onClick={() => void run({ type: "round.add", sessionId, membershipId })}
      >
        {t("rounds.round.add")}
      </button>
    </div>
  );
}
