import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";
import { GroupCard } from "./GroupCard.tsx";
import { useGroups } from "./groupQueries.ts";
import { NewGroupForm } from "./NewGroupForm.tsx";

export function DashboardPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("dashboard.title"));
  const groups = useGroups();
  // People who only take part in groups (they joined by invitation) are not offered a form for
  // running one; a new supervisor, with no groups yet, is.
  const canCreateGroups =
    groups.data !== undefined &&
    (groups.data.length === 0 || groups.data.some((group) => group.myRole === "supervisor"));

  return (
    <>
      <div className="page-header">
        <h1>{t("dashboard.title")}</h1>
        <p>{t("dashboard.intro")}</p>
      </div>
      <section aria-labelledby="groups-title">
        <h2 id="groups-title" className="visually-hidden">
          {t("dashboard.title")}
        </h2>
        {groups.isPending ? <Loading /> : null}
        <ErrorAlert error={groups.error} />
        {groups.data && groups.data.length === 0 ? (
          <p className="muted">{t("dashboard.empty")}</p>
        ) : null}
        {groups.data && groups.data.length > 0 ? (
          <ul className="group-cards">
            {groups.data.map((group) => (
              <li key={group.id}>
                <GroupCard group={group} />
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      {canCreateGroups ? (
        <div className="narrow-left">
          <NewGroupForm />
        </div>
      ) : null}
    </>
  );
}
