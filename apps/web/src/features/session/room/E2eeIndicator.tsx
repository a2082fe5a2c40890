import { useTranslation } from "react-i18next";
import type { KeyStatus } from "../e2ee/keyExchange.ts";

/**
 * Says plainly whether media is end-to-end encrypted here, with the safety code people can
 * compare aloud. `supported` is null while livekit-client is still loading.
 */
export function E2eeIndicator({
  supported,
  status,
}: {
  supported: boolean | null;
  status: KeyStatus;
}) {
  const { t } = useTranslation();
  if (supported === null) return null;
  if (!supported) {
    return (
      <p
        className="e2ee-badge e2ee-badge--off"
        data-e2ee="unsupported"
        title={t("live.e2ee.unsupported")}
      >
        <span aria-hidden="true">⚠ </span>
        {t("live.e2ee.off")}
        <span className="visually-hidden">. {t("live.e2ee.unsupported")}</span>
      </p>
    );
  }
  if (status.state === "waiting") {
    return (
      <p className="e2ee-badge" data-e2ee="waiting">
        {t("live.e2ee.waiting")}
      </p>
    );
  }
  return (
    <details className="e2ee-badge e2ee-badge--on" data-e2ee="on">
      <summary>
        <span aria-hidden="true">🔒 </span>
        {t("live.e2ee.on")} ·{" "}
        <span className="safety-code" data-testid="safety-code">
          {t("live.e2ee.code", { code: status.safetyCode })}
        </span>
      </summary>
      <p className="small">{t("live.e2ee.codeHelp")}</p>
    </details>
  );
}
