import { useTranslation } from "react-i18next";

const LOCALES = { fi: "fi-FI", en: "en-GB" } as const;

function localeOf(language: string): string {
  return language === "en" ? LOCALES.en : LOCALES.fi;
}

/** Date formatting in the UI language (Finnish dates read "ke 2.12.2026 klo 9.00"). */
export function useDateFormat(): {
  dateTime: (iso: string) => string;
  date: (iso: string) => string;
} {
  const { i18n } = useTranslation();
  const locale = localeOf(i18n.resolvedLanguage ?? i18n.language);
  return {
    dateTime: (iso) =>
      new Intl.DateTimeFormat(locale, {
        weekday: "short",
        day: "numeric",
        month: "numeric",
        year: "numeric",
        hour: "numeric",
        minute: "2-digit",
      }).format(new Date(iso)),
    date: (iso) =>
      new Intl.DateTimeFormat(locale, { day: "numeric", month: "numeric", year: "numeric" }).format(
        new Date(iso),
      ),
  };
}
