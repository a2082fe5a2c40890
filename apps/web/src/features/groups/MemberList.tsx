import { useTranslation } from "react-i18next";
import type { Member } from "@piiri/protocol/groups";
import { useDateFormat } from "../../lib/format.ts";
import { RoleBadge } from "../../components/RoleBadge.tsx";

export function MemberList({
  members,
  myMembershipId,
}: {
  members: Member[];
  myMembershipId: string;
}) {
  const { t } = useTranslation();
  const format = useDateFormat();
  return (
    <section className="card" aria-labelledby="members-title">
      <h2 id="members-title">{t("group.membersTitle")}</h2>
      <ul className="item-list">
        {members.map((member) => (
          <li key={member.membershipId}>
            <div className="item-list__main">
              <div className="item-list__title">
                {member.displayName}
                {member.membershipId === myMembershipId ? ` ${t("group.you")}` : null}
                <RoleBadge role={member.role} />
              </div>
              <div className="item-list__meta">
                {t("group.joined", { date: format.date(member.joinedAt) })}
              </div>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
