export const LANGUAGES = ["fi", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "fi";
/** Where the user's own choice is remembered; the browser's language is deliberately not used. */
export const LANGUAGE_STORAGE_KEY = "piiri.language";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}
