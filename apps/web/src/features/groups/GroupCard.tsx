import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { GroupSummary } from "@piiri/protocol/groups";
import { useDateFormat } from "../../lib/format.ts";

export function GroupCard({ group }: { group: GroupSummary }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  return (
    <article className="group-card">
      <span className="eyebrow">{t(`groupKind.${group.kind}`)}</span>
      <h3>
        <Link to={`/groups/${group.id}`}>{group.name}</Link>
      </h3>
      <p className="muted small">
        {t("dashboard.memberCount", { count: group.memberCount })} ·{" "}
        {t("dashboard.myRole", { role: t(`role.${group.myRole}`) })}
      </p>
      <p className="small">
        {group.nextSession
          ? t("dashboard.nextSession", { date: format.dateTime(group.nextSession.startsAt) })
          : t("dashboard.noNextSession")}
      </p>
    </article>
  );
}
