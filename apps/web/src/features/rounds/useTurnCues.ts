import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AgendaState } from "@piiri/protocol/rounds";
import { secondsLeft } from "./formatClock.ts";
import { crossedMark, turnChange, turnMarker, type TurnMarker } from "./turnCues.ts";
import { playTurnChime } from "./turnSound.ts";

const ENDED_ON_TIME_MS = 1_500;

/**
 * The polite announcements of a round (turn changes, the last 30 seconds, time up) and the
 * end-of-turn chime. Returns the text for the live region; each new text is read once.
 */
export function useTurnCues({
  state,
  turnMs,
  myMembershipId,
  nameOf,
  muted,
}: {
  state: AgendaState | null;
  /** The current turn's shown countdown (signed ms), null when nobody speaks. */
  turnMs: number | null;
  myMembershipId: string;
  nameOf: (membershipId: string) => string;
  muted: boolean;
}): string {
  const { t } = useTranslation();
  const [message, setMessage] = useState("");
  const marker = useRef<TurnMarker | null>(null);
  const lastMs = useRef<number | null>(null);
  const current = turnMarker(state);
  const markerKey = current
    ? `${current.roundId}|${current.turnNumber}|${current.speakerId ?? ""}|${current.nextId ?? ""}|${current.ended}`
    : "";

  useEffect(() => {
    const change = turnChange(marker.current, current);
    const turnMoved =
      marker.current?.roundId !== current?.roundId ||
      marker.current?.turnNumber !== current?.turnNumber;
    marker.current = current;
    if (turnMoved) {
      // The server advanced a turn that was about to run out before this client's countdown
      // reached zero (the clock estimate is good to a few ms): that turn still ended on time.
      const before = lastMs.current;
      if (before !== null && before > 0 && before <= ENDED_ON_TIME_MS && !muted) playTurnChime();
      // A new turn starts a new countdown: no crossing is carried over from the last one.
      lastMs.current = null;
    }
    if (change.kind === "turn") {
      if (change.speakerId === myMembershipId) setMessage(t("rounds.announce.you"));
      else if (change.nextId) {
        setMessage(
          t("rounds.announce.speakerNext", {
            name: nameOf(change.speakerId),
            next: nameOf(change.nextId),
          }),
        );
      } else setMessage(t("rounds.announce.speaker", { name: nameOf(change.speakerId) }));
    } else if (change.kind === "ended") {
      setMessage(t("rounds.announce.roundEnded"));
    }
    // Only the marker's identity matters here; `current` is rebuilt on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [markerKey]);

  useEffect(() => {
    const mark = crossedMark(lastMs.current, turnMs);
    lastMs.current = turnMs;
    if (mark === "lastSeconds" && turnMs !== null) {
      setMessage(t("rounds.announce.lastSeconds", { seconds: secondsLeft(turnMs) }));
    } else if (mark === "timeUp") {
      setMessage(t("rounds.announce.timeUp"));
      if (!muted) playTurnChime();
    }
  }, [turnMs, muted, t]);

  return message;
}
