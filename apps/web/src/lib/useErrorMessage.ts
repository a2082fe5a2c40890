import { useTranslation } from "react-i18next";
import { isApiError, type ApiErrorCode } from "./apiError.ts";

/** Puts any error into words in the UI language, from its code only. */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    const code: ApiErrorCode = isApiError(error) ? error.code : "UNKNOWN";
    const retryAfter = isApiError(error) ? error.retryAfterSeconds : undefined;
    if (code === "RATE_LIMITED" && retryAfter !== undefined && retryAfter > 60) {
      return t("errors.rateLimitedMinutes", { count: Math.ceil(retryAfter / 60) });
    }
    return t(`errors.${code}`);
  };
}
