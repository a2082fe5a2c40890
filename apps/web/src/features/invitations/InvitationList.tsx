import { useTranslation } from "react-i18next";
import type { InvitationSummary } from "@piiri/protocol/invitations";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useDateFormat } from "../../lib/format.ts";
import { useRevokeInvitation } from "./invitationQueries.ts";

export function InvitationList({
  groupId,
  invitations,
}: {
  groupId: string;
  invitations: InvitationSummary[];
}) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const revoke = useRevokeInvitation(groupId);

  if (invitations.length === 0) return <p className="muted">{t("invitations.empty")}</p>;
  const newestFirst = [...invitations].sort(
    (a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt),
  );
  return (
    <>
      <ErrorAlert error={revoke.error} />
      <ul className="item-list" aria-label={t("invitations.listTitle")}>
        {newestFirst.map((invitation) => {
          const label = invitation.label ?? t("invitations.unlabelled");
          const revoking = revoke.isPending && revoke.variables === invitation.id;
          return (
            <li key={invitation.id}>
              <div className="item-list__main">
                <div className="item-list__title">
                  {label}
                  <span className={`badge badge--${invitation.status}`}>
                    {t(`invitations.status.${invitation.status}`)}
                  </span>
                </div>
                <div className="item-list__meta">
                  {t(`role.${invitation.role}`)}
                  {" · "}
                  {t("invitations.uses", { used: invitation.useCount, max: invitation.maxUses })}
                  {invitation.status === "active"
                    ? ` · ${t("invitations.expires", { date: format.dateTime(invitation.expiresAt) })}`
                    : null}
                  {invitation.status === "expired"
                    ? ` · ${t("invitations.expired", { date: format.dateTime(invitation.expiresAt) })}`
                    : null}
                </div>
              </div>
              {invitation.status === "active" ? (
                <button
                  type="button"
                  className="button button--danger button--small"
                  disabled={revoking}
                  aria-label={t("invitations.revokeAria", { label })}
                  onClick={() => revoke.mutate(invitation.id)}
                >
                  {revoking ? t("invitations.revoking") : t("invitations.revoke")}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}
