import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { BoardElement } from "@piiri/protocol/board";
import { useDateFormat } from "../../../lib/format.ts";
import { boardKeys, getPreviousSteps } from "../boardApi.ts";

/** The written steps: each card's label text, read from the previous session's snapshot. */
export function stepTexts(cards: readonly BoardElement[]): string[] {
  const cardIds = new Set(
    cards
      .filter(
        (card) => (card.customData as { piiri?: unknown } | undefined)?.piiri === "nextStepCard",
      )
      .map((card) => card.id),
  );
  return cards.flatMap((element) => {
    if (element.isDeleted || element.type !== "text") return [];
    const containerId = typeof element.containerId === "string" ? element.containerId : null;
    const text = typeof element.text === "string" ? element.text.trim() : "";
    if (!containerId || !cardIds.has(containerId) || text === "") return [];
    return [text.replace(/\s*\n\s*/g, " ")];
  });
}

/** The next small steps the group set last time, to look back at them now. */
export function PreviousSteps({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const steps = useQuery({
    queryKey: boardKeys.previousSteps(sessionId),
    queryFn: () => getPreviousSteps(sessionId),
  });
  if (!steps.data?.fromSession) return null;
  const texts = stepTexts(steps.data.cards);
  return (
    <section
      className="board-panel"
      aria-labelledby="board-previous-steps-title"
      data-testid="board-previous-steps"
    >
      <h2 id="board-previous-steps-title" className="board-panel__title">
        {t("board.previousSteps.title")}
      </h2>
      <p className="muted">
        {t("board.previousSteps.from", { date: format.date(steps.data.fromSession.startsAt) })}
      </p>
      {texts.length === 0 ? (
        <p className="muted">{t("board.previousSteps.none")}</p>
      ) : (
        <ul className="board-steps">
          {texts.map((text, index) => (
            <li key={index}>{text}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
