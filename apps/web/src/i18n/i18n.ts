import i18next from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import { initReactI18next } from "react-i18next";
import { en } from "./en.ts";
import { fi } from "./fi.ts";
import { DEFAULT_LANGUAGE, LANGUAGES, LANGUAGE_STORAGE_KEY } from "./languages.ts";

export const resources = { fi: { translation: fi }, en: { translation: en } } as const;

/**
 * Finnish unless the user has picked a language here before: only localStorage is consulted,
 * never navigator.language, because most users run English-language browsers but work in Finnish.
 */
export async function initI18n(): Promise<typeof i18next> {
  i18next.on("languageChanged", (lng) => {
    document.documentElement.lang = lng;
  });
  await i18next
    .use(LanguageDetector)
    .use(initReactI18next)
    .init({
      resources,
      supportedLngs: [...LANGUAGES],
      nonExplicitSupportedLngs: false,
      fallbackLng: DEFAULT_LANGUAGE,
      load: "languageOnly",
      interpolation: { escapeValue: false },
      detection: {
        order: ["localStorage"],
        lookupLocalStorage: LANGUAGE_STORAGE_KEY,
        caches: ["localStorage"],
      },
      react: { useSuspense: false },
    });
  document.documentElement.lang = i18next.resolvedLanguage ?? DEFAULT_LANGUAGE;
  return i18next;
}
