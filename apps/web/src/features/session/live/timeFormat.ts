import { useTranslation } from "react-i18next";

/** Clock time in the UI language ("9.05" in Finnish, "09:05" in English). */
export function useTimeFormat(): (iso: string) => string {
  const { i18n } = useTranslation();
  const locale = (i18n.resolvedLanguage ?? i18n.language) === "en" ? "en-GB" : "fi-FI";
  const format = new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit" });
  return (iso) => format.format(new Date(iso));
}
