import { useTranslation } from "react-i18next";
import { useErrorMessage } from "../../../lib/useErrorMessage.ts";
import { ApiError } from "../../../lib/apiError.ts";
import { useLive } from "../live/LiveProvider.tsx";

/** The one place the room tells the person something happened: an error, or being muted. */
export function LiveNoticeBar() {
  const { t } = useTranslation();
  const { notice, dismissNotice } = useLive();
  const errorMessage = useErrorMessage();
  if (!notice) return <div className="visually-hidden" role="status" />;
  const text =
    notice.kind === "error"
      ? errorMessage(new ApiError(400, notice.code))
      : notice.source === "microphone"
        ? t("live.notices.mutedMicrophone")
        : t("live.notices.mutedCamera");
  return (
    <div
      className={
        notice.kind === "error" ? "alert alert--error live-notice" : "alert alert--info live-notice"
      }
      role={notice.kind === "error" ? "alert" : "status"}
      data-testid="live-notice"
    >
      <p>{text}</p>
      <button type="button" className="link-button" onClick={dismissNotice}>
        {t("live.notices.dismiss")}
      </button>
    </div>
  );
}
