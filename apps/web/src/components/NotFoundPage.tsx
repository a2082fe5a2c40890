import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useDocumentTitle } from "./useDocumentTitle.ts";

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("notFound.title"));
  return (
    <div className="narrow card">
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFound.body")}</p>
      <Link to="/">{t("common.backToDashboard")}</Link>
    </div>
  );
}
