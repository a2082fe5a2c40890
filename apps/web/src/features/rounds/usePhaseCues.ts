import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AgendaPhase } from "@piiri/protocol/rounds";
import { phaseTitle } from "./phaseTitle.ts";

/**
 * Polite announcements of the agenda: a new phase, the clock paused or running again. What is
 * already so when the page opens is not announced (the page itself shows it).
 */
export function usePhaseCues(phase: AgendaPhase | null, paused: boolean | null): string {
  const { t } = useTranslation();
  const [message, setMessage] = useState("");
  const seen = useRef<{ phaseId: string | null; paused: boolean } | null>(null);
  const phaseId = phase?.id ?? null;

  useEffect(() => {
    if (paused === null) return; // no state from the server yet
    const before = seen.current;
    seen.current = { phaseId, paused };
    if (!before) return;
    if (phase && before.phaseId !== phaseId) {
      setMessage(t("rounds.announce.phase", { title: phaseTitle(t, phase) }));
    } else if (before.paused !== paused) {
      setMessage(paused ? t("rounds.announce.paused") : t("rounds.announce.resumed"));
    }
    // The phase's identity and the pause are what is announced; titles follow the phase.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [phaseId, paused, t]);

  return message;
}
