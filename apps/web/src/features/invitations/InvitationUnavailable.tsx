import { useTranslation } from "react-i18next";
import type { InvitationStatus } from "@piiri/protocol/invitations";
import { Alert } from "../../components/Alert.tsx";

export type UnavailableReason = Exclude<InvitationStatus, "active"> | "not_found";

/** Why an invitation cannot be used, said plainly, with what to do next. */
export function InvitationUnavailable({
  reason,
  groupName,
}: {
  reason: UnavailableReason;
  groupName?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      {groupName ? <span className="eyebrow">{groupName}</span> : null}
      <h1>{t("invite.unavailableTitle")}</h1>
      <Alert tone="warning">
        <p>{t(`invite.unavailable.${reason}`)}</p>
      </Alert>
    </div>
  );
}
