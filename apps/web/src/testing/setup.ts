import { cleanup } from "@testing-library/react";
import i18next from "i18next";
import { afterEach, beforeAll } from "vitest";
import { initI18n } from "../i18n/i18n.ts";
import { DEFAULT_LANGUAGE } from "../i18n/languages.ts";

beforeAll(async () => {
  if (!i18next.isInitialized) await initI18n();
});

afterEach(async () => {
  cleanup();
  localStorage.clear();
  await i18next.changeLanguage(DEFAULT_LANGUAGE);
});
