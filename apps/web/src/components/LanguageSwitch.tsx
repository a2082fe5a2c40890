import { useTranslation } from "react-i18next";
import { LANGUAGES } from "../i18n/languages.ts";

/**
 * Suomi | English toggle. Each option is written in its own language (and marked with `lang`),
 * so a person finds their language whichever one the page is in now.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = i18n.resolvedLanguage ?? i18n.language;
  return (
    <div className="language-switch" role="group" aria-label={t("layout.language")}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          aria-pressed={current === lng}
          onClick={() => void i18n.changeLanguage(lng)}
        >
          {t(`language.${lng}`)}
        </button>
      ))}
    </div>
  );
}
