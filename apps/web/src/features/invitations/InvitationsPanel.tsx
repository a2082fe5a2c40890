import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { CreateInvitationForm } from "./CreateInvitationForm.tsx";
import { InvitationList } from "./InvitationList.tsx";
import { useInvitations } from "./invitationQueries.ts";

/** The supervisor's view of a group's invitations: create one, see them all, revoke. */
export function InvitationsPanel({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const invitations = useInvitations(groupId);
  return (
    <section className="card section" aria-labelledby="invitations-title">
      <h2 id="invitations-title">{t("invitations.title")}</h2>
      <p className="muted">{t("invitations.intro")}</p>
      <div className="grid-2">
        <CreateInvitationForm groupId={groupId} />
        <div>
          <h3>{t("invitations.listTitle")}</h3>
          {invitations.isPending ? <Loading /> : null}
          <ErrorAlert error={invitations.error} />
          {invitations.data ? (
            <InvitationList groupId={groupId} invitations={invitations.data} />
          ) : null}
        </div>
      </div>
    </section>
  );
}
