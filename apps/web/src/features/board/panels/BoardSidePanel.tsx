import type { ExcalidrawImperativeAPI } from "@excalidraw/excalidraw/types";
import { can } from "@piiri/domain/permissions";
import type { SessionDetail } from "@piiri/protocol/sessions";
import type { TemplatePerson } from "../templates/exerciseTemplates.ts";
import type { BoardSnapshotView } from "../sync/boardStore.ts";
import { ExercisePanel } from "./ExercisePanel.tsx";
import { ExportPanel } from "./ExportPanel.tsx";
import { FramesPanel } from "./FramesPanel.tsx";
import { ManagePanel } from "./ManagePanel.tsx";
import { PreviousSteps } from "./PreviousSteps.tsx";
import { ScalingPanel } from "./ScalingPanel.tsx";
import { SnapshotsPanel } from "./SnapshotsPanel.tsx";
import { useFrameNames } from "./useFrameNames.ts";

export interface PanelProps {
  detail: SessionDetail;
  api: ExcalidrawImperativeAPI | null;
  view: BoardSnapshotView;
  participants: readonly TemplatePerson[];
  readOnly: boolean;
}

/** Everything beside the canvas; supervisor-only parts render only for the supervisor. */
export function BoardSidePanel(props: PanelProps) {
  const isSupervisor = can(props.detail.me.role, "board.manage");
  const frameNames = useFrameNames(props.api);
  return (
    <aside className="board-side">
      <ExercisePanel {...props} isSupervisor={isSupervisor} />
      <ScalingPanel {...props} isSupervisor={isSupervisor} frameNames={frameNames} />
      <FramesPanel {...props} isSupervisor={isSupervisor} frameNames={frameNames} />
      <ExportPanel {...props} frameNames={frameNames} />
      <PreviousSteps sessionId={props.detail.session.id} />
      <SnapshotsPanel detail={props.detail} isSupervisor={isSupervisor} />
      {isSupervisor && <ManagePanel detail={props.detail} api={props.api} />}
    </aside>
  );
}
