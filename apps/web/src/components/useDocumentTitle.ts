import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** "<page> – Piiri", so every page and browser tab says where you are. */
export function useDocumentTitle(title: string | undefined): void {
  const { t } = useTranslation();
  const app = t("app.name");
  useEffect(() => {
    document.title = title ? `${title} – ${app}` : app;
  }, [title, app]);
}
