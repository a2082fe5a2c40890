import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";
import { AcceptInvitationForm } from "./AcceptInvitationForm.tsx";
import { useInvitationPreview } from "./invitationQueries.ts";
import { InvitationUnavailable } from "./InvitationUnavailable.tsx";
import { unavailableReasonOf } from "./unavailableReason.ts";

export function InvitePage() {
  const { t } = useTranslation();
  useDocumentTitle(t("invite.title"));
  const { token = "" } = useParams();
  const preview = useInvitationPreview(token);

  if (preview.isPending) return <Loading />;
  if (preview.isError) {
    const reason = unavailableReasonOf(preview.error);
    if (reason) return <InvitationUnavailable reason={reason} />;
    return <ErrorAlert error={preview.error} title={t("errors.title")} />;
  }

  const invitation = preview.data;
  if (invitation.status !== "active") {
    return <InvitationUnavailable reason={invitation.status} groupName={invitation.groupName} />;
  }

  return (
    <div className="narrow">
      <div className="page-header">
        <span className="eyebrow">{t("invite.title")}</span>
        <h1>{invitation.groupName}</h1>
        <p>{t("invite.intro", { supervisor: invitation.supervisorName })}</p>
      </div>
      <div className="card stack">
        <dl className="facts">
          <div>
            <dt>{t("invite.kind")}</dt>
            <dd>{t(`groupKind.${invitation.groupKind}`)}</dd>
          </div>
          <div>
            <dt>{t("invite.supervisor")}</dt>
            <dd>{invitation.supervisorName}</dd>
          </div>
        </dl>
        <AcceptInvitationForm token={token} />
      </div>
    </div>
  );
}
