import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { BoardTemplateKind } from "@piiri/protocol/board";
import { resources } from "../../../i18n/i18n.ts";
import { DEFAULT_LANGUAGE, isLanguage } from "../../../i18n/languages.ts";
import { useBoardStore } from "../BoardProvider.tsx";
import { insertSkeleton, nextFreeOrigin, viewportCentre } from "../canvas/insertElements.ts";
import { exerciseTemplate, stickyNote } from "../templates/exerciseTemplates.ts";
import { templateTexts } from "../templates/templateTexts.ts";
import type { PanelProps } from "./BoardSidePanel.tsx";

const WITH_FOCUS: ReadonlySet<BoardTemplateKind> = new Set(["resourceMap", "compliments"]);

const TEMPLATE_FONT = "Nunito";

function newInstanceId(): string {
  return crypto.randomUUID().replace(/-/g, "").slice(0, 16);
}

/** The supervisor inserts exercises; everyone who may edit adds sticky notes. */
export function ExercisePanel({
  api,
  participants,
  readOnly,
  isSupervisor,
}: PanelProps & { isSupervisor: boolean }) {
  const { t, i18n } = useTranslation();
  const store = useBoardStore();
  const [kind, setKind] = useState<BoardTemplateKind>("scaling");
  const [focus, setFocus] = useState("");
  const kindId = useId();
  const focusId = useId();

  const insert = async () => {
    if (!api) return;
    // Text is measured when it is created: load the templates' font first, or labels get cut.
    await document.fonts.load(`20px ${TEMPLATE_FONT}`).catch(() => []);
    const template = exerciseTemplate({
      kind,
      instanceId: newInstanceId(),
      origin: nextFreeOrigin(api),
      texts: templateTexts(
        resources[isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE].translation.board,
      ),
      people: participants,
      focus: participants.find((person) => person.membershipId === focus),
    });
    const elements = insertSkeleton(api, template.skeleton);
    store.insertTemplate(template.frameId, kind, elements);
    const frame = api.getSceneElements().find((element) => element.id === template.frameId);
    if (frame) api.scrollToContent(frame, { fitToContent: true, animate: true });
  };

  const addNote = () => {
    if (!api) return;
    insertSkeleton(api, [stickyNote(newInstanceId(), viewportCentre(api))], { select: true });
  };

  return (
    <section className="board-panel" aria-labelledby={`${kindId}-title`}>
      <h2 id={`${kindId}-title`} className="board-panel__title">
        {t("board.toolbar.label")}
      </h2>
      {isSupervisor && (
        <div className="board-panel__group">
          <div className="field">
            <label htmlFor={kindId}>{t("board.toolbar.chooseExercise")}</label>
            <select
              id={kindId}
              value={kind}
              onChange={(event) => setKind(BoardTemplateKind.parse(event.target.value))}
            >
              {BoardTemplateKind.options.map((option) => (
                <option key={option} value={option}>
                  {t(`board.templates.title.${option}`)}
                </option>
              ))}
            </select>
          </div>
          {WITH_FOCUS.has(kind) && (
            <div className="field">
              <label htmlFor={focusId}>{t("board.toolbar.focusPerson")}</label>
              <select id={focusId} value={focus} onChange={(event) => setFocus(event.target.value)}>
                <option value="">{t("board.toolbar.focusTeam")}</option>
                {participants.map((person) => (
                  <option key={person.membershipId} value={person.membershipId}>
                    {person.displayName}
                  </option>
                ))}
              </select>
            </div>
          )}
          <button
            type="button"
            className="button button--small"
            disabled={!api}
            onClick={() => void insert()}
          >
            {t("board.toolbar.insertExercise")}
          </button>
        </div>
      )}
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={!api || readOnly}
        onClick={addNote}
      >
        {t("board.toolbar.note")}
      </button>
    </section>
  );
}
