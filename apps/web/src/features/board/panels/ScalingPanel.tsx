import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { BoardFrame, ScaleView } from "@piiri/protocol/board";
import { useDateFormat } from "../../../lib/format.ts";
import { useBoardStore } from "../BoardProvider.tsx";
import { boardKeys, getScaleHistory } from "../boardApi.ts";
import { scaleTrend } from "../templates/scaleMarkers.ts";
import type { PanelProps } from "./BoardSidePanel.tsx";
import type { FrameInfo } from "./useFrameNames.ts";

const VALUES = Array.from({ length: 11 }, (_, value) => value);

/** Scaling exercises on the board: one's own marker in this session, the reveal, the trend. */
export function ScalingPanel({
  view,
  detail,
  isSupervisor,
  frameNames,
}: PanelProps & { isSupervisor: boolean; frameNames: FrameInfo[] }) {
  const { t } = useTranslation();
  const names = new Map(frameNames.map((frame) => [frame.id, frame.name]));
  // Every scaling exercise on the board, also one inserted in an earlier session: values are kept
  // per session, so the same question can be asked again (that is what the trend shows).
  const exercises = view.state.frames.filter(
    (frame) => frame.kind === "scaling" && names.has(frame.frameId),
  );
  const revealedCount = [...view.scales.values()].filter((scale) => scale.revealed).length;
  if (exercises.length === 0) return null;
  return (
    <section className="board-panel" aria-labelledby="board-scaling-title">
      <h2 id="board-scaling-title" className="board-panel__title">
        {t("board.scaling.label")}
      </h2>
      {exercises.map((frame) => (
        <ScaleExercise
          key={frame.frameId}
          frame={frame}
          scale={view.scales.get(frame.frameId)}
          sessionId={detail.session.id}
          myMembershipId={detail.me.membershipId}
          isSupervisor={isSupervisor}
        />
      ))}
      <ScaleTrend groupId={detail.group.id} refreshKey={revealedCount} />
    </section>
  );
}

function ScaleExercise({
  frame,
  scale,
  sessionId,
  myMembershipId,
  isSupervisor,
}: {
  frame: BoardFrame;
  scale: ScaleView | undefined;
  sessionId: string;
  myMembershipId: string;
  isSupervisor: boolean;
}) {
  const { t } = useTranslation();
  const store = useBoardStore();
  const groupName = useId();
  const [error, setError] = useState<string | null>(null);
  const confirmed = scale?.values.find((entry) => entry.membershipId === myMembershipId)?.value;
  // Shown at once; the server's answer confirms it (or the choice falls back on an error).
  const [chosen, setChosen] = useState<number | null>(null);
  const mine = chosen ?? confirmed;
  const placed = scale?.placedCount ?? 0;
  const revealed = scale?.revealed ?? false;

  const place = async (value: number) => {
    setChosen(value);
    const ack = await store.request({
      type: "board.scale.set",
      sessionId,
      exerciseId: frame.frameId,
      value,
    });
    if (!ack.ok) setChosen(null);
    setError(ack.ok ? null : t(`errors.${ack.code}`));
  };
  const reveal = async () => {
    const ack = await store.request({
      type: "board.scale.reveal",
      sessionId,
      exerciseId: frame.frameId,
    });
    setError(ack.ok ? null : t(`errors.${ack.code}`));
  };

  return (
    <div className="board-scale" data-testid="board-scale">
      <fieldset className="board-scale__values">
        <legend>{t("board.scaling.yourPlace")}</legend>
        {VALUES.map((value) => (
          <label key={value} className="board-scale__value">
            <input
              type="radio"
              name={groupName}
              value={value}
              checked={mine === value}
              onChange={() => void place(value)}
            />
            <span>{value}</span>
          </label>
        ))}
      </fieldset>
      <p className="muted">
        {mine === undefined
          ? t("board.scaling.notPlaced")
          : t("board.scaling.yourValue", { value: mine })}
      </p>
      <p className="muted" data-testid="board-scale-placed">
        {t("board.scaling.placed", { count: placed })}
      </p>
      {revealed ? (
        <>
          <p className="muted">{t("board.scaling.revealed")}</p>
          <ul className="board-scale__revealed" data-testid="board-scale-values">
            {scale?.values.map((entry) => (
              <li key={entry.membershipId}>
                {t("board.scaling.marker", { name: entry.displayName, value: entry.value })}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <p className="muted">{t("board.scaling.hiddenUntilReveal")}</p>
          {isSupervisor && (
            <button
              type="button"
              className="button button--small"
              disabled={placed === 0}
              onClick={() => void reveal()}
            >
              {t("board.scaling.reveal")}
            </button>
          )}
        </>
      )}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

function ScaleTrend({ groupId, refreshKey }: { groupId: string; refreshKey: number }) {
  const { t, i18n } = useTranslation();
  const format = useDateFormat();
  const history = useQuery({
    queryKey: [...boardKeys.scaleHistory(groupId), refreshKey],
    queryFn: () => getScaleHistory(groupId),
  });
  const trend = history.data ? scaleTrend(history.data.sessions) : [];
  return (
    <div className="board-trend">
      <h3 className="board-panel__subtitle">{t("board.scaling.trend")}</h3>
      {trend.length === 0 ? (
        <p className="muted">{t("board.scaling.trendEmpty")}</p>
      ) : (
        <ol className="board-trend__list" data-testid="board-scale-trend">
          {trend.map((point) => (
            <li key={point.sessionId}>
              <span
                className="board-trend__bar"
                style={{ width: `${point.average * 10}%` }}
                aria-hidden="true"
              />
              <span className="board-trend__text">
                {t("board.scaling.trendSession", {
                  date: format.date(point.startsAt),
                  average: point.average.toLocaleString(i18n.language === "en" ? "en" : "fi"),
                  count: point.count,
                })}
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
