import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { can } from "@piiri/domain/permissions";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";
import { InvitationsPanel } from "../invitations/InvitationsPanel.tsx";
import { AgendaPlanner } from "../rounds/AgendaPlanner.tsx";
import { DoorSettingsPanel } from "./DoorSettingsPanel.tsx";
import { useGroup } from "./groupQueries.ts";
import { MemberList } from "./MemberList.tsx";
import { ScheduleSessionForm } from "./ScheduleSessionForm.tsx";
import { SessionList } from "./SessionList.tsx";

export function GroupPage() {
  const { t } = useTranslation();
  const { groupId = "" } = useParams();
  const group = useGroup(groupId);
  useDocumentTitle(group.data?.name);

  if (group.isPending) return <Loading />;
  if (group.isError) return <ErrorAlert error={group.error} title={t("errors.title")} />;

  const { data } = group;
  const isSupervisor = data.myRole === "supervisor";
  return (
    <>
      <div className="page-header">
        <span className="eyebrow">{t(`groupKind.${data.kind}`)}</span>
        <h1>{data.name}</h1>
      </div>
      <div className="grid-2">
        <section className="card stack" aria-labelledby="sessions-title">
          <h2 id="sessions-title">{t("group.sessionsTitle")}</h2>
          <SessionList sessions={data.sessions} isSupervisor={isSupervisor} />
          {isSupervisor ? <ScheduleSessionForm groupId={data.id} /> : null}
        </section>
        <MemberList members={data.members} myMembershipId={data.myMembershipId} />
      </div>
      {can(data.myRole, "session.facilitate") ? (
        <AgendaPlanner sessions={data.sessions} members={data.members} />
      ) : null}
      {isSupervisor ? <DoorSettingsPanel groupId={data.id} /> : null}
      {isSupervisor ? <InvitationsPanel groupId={data.id} /> : null}
    </>
  );
}
