import { useMemo } from "react";
import "./rounds.css";
import { useGroup } from "../groups/groupQueries.ts";
import { AgendaPanel } from "./AgendaPanel.tsx";
import { RoundPanel } from "./RoundPanel.tsx";

/** The rounds feature on the session page: the speaker's clock first, then the agenda. */
export function SessionRounds({ groupId }: { groupId: string }) {
  const group = useGroup(groupId);
  const members = useMemo(
    () =>
      (group.data?.members ?? []).map((m) => ({
        membershipId: m.membershipId,
        displayName: m.displayName,
      })),
    [group.data?.members],
  );
  return (
    <div className="rounds-area">
      <RoundPanel />
      <AgendaPanel members={members} />
    </div>
  );
}
