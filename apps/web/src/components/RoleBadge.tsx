import { useTranslation } from "react-i18next";
import type { MemberRole } from "@piiri/protocol/groups";

export function RoleBadge({ role }: { role: MemberRole }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${role}`}>{t(`role.${role}`)}</span>;
}
