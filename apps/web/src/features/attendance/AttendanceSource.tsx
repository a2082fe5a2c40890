import { useTranslation } from "react-i18next";
import type { AttendanceRow } from "@piiri/protocol/live";

/**
 * Where a member's minutes came from: the video service, Piiri's own view of who was let in, or
 * both. With both, what each saw alone, so the merged figure can be checked.
 */
export function AttendanceSource({ row }: { row: AttendanceRow }) {
  const { t } = useTranslation();
  if (row.source === null) return null;
  return (
    <span className="attendance-source">
      {t(`live.attendance.sources.${row.source}`)}
      {row.source === "both" && (
        <span className="small muted attendance-source__detail">
          {t("live.attendance.sourceDetail", {
            video: row.videoMinutes,
            presence: row.presenceMinutes,
          })}
        </span>
      )}
    </span>
  );
}
