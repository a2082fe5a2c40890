import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { BoardElement } from "@piiri/protocol/board";
import { useDateFormat } from "../../../lib/format.ts";
import { boardKeys, getPreviousSteps } from "../boardApi.ts";

/**
 * The written steps, one per card: the card's label, named after its person (whether or not the
 * person kept the name in the text). Cards nobody wrote on are left out.
 */
export function stepTexts(cards: readonly BoardElement[]): string[] {
  const people = new Map<string, string>();
  for (const card of cards) {
    const custom = card.customData as { piiri?: unknown; person?: unknown } | undefined;
    if (!card.isDeleted && custom?.piiri === "nextStepCard") {
      people.set(card.id, typeof custom.person === "string" ? custom.person : "");
    }
  }
  return cards.flatMap((element) => {
    if (element.isDeleted || element.type !== "text") return [];
    const containerId = typeof element.containerId === "string" ? element.containerId : null;
    const person = containerId === null ? undefined : people.get(containerId);
    if (person === undefined) return [];
    let text =
      typeof element.text === "string" ? element.text.replace(/\s*\n\s*/g, " ").trim() : "";
    if (person && text.startsWith(`${person}:`)) text = text.slice(person.length + 1).trim();
    if (text === "") return [];
    return [person ? `${person}: ${text}` : text];
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
