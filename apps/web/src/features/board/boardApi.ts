// The board's HTTP calls: snapshots, the scaling trend, the previous session's small steps and
// deleting all board content. Every response is parsed with its protocol schema.
import { z } from "zod";
import {
  BoardSnapshotDetail,
  BoardSnapshotSummary,
  PreviousStepsResponse,
  ScaleHistoryResponse,
} from "@piiri/protocol/board";
import { requestJson } from "../../lib/http.ts";

const seg = encodeURIComponent;
const Ok = z.object({ ok: z.literal(true) });

export const boardKeys = {
  snapshots: (groupId: string) => ["groups", groupId, "board", "snapshots"] as const,
  snapshot: (groupId: string, snapshotId: string) =>
    ["groups", groupId, "board", "snapshots", snapshotId] as const,
  scaleHistory: (groupId: string) => ["groups", groupId, "board", "scale-history"] as const,
  previousSteps: (sessionId: string) => ["sessions", sessionId, "board", "previous-steps"] as const,
};

export async function listSnapshots(groupId: string): Promise<BoardSnapshotSummary[]> {
  const body = await requestJson(
    "GET",
    `/groups/${seg(groupId)}/board/snapshots`,
    z.object({ snapshots: z.array(BoardSnapshotSummary) }),
  );
  return body.snapshots;
}

export async function getSnapshot(
  groupId: string,
  snapshotId: string,
): Promise<BoardSnapshotDetail> {
  const body = await requestJson(
    "GET",
    `/groups/${seg(groupId)}/board/snapshots/${seg(snapshotId)}`,
    z.object({ snapshot: BoardSnapshotDetail }),
  );
  return body.snapshot;
}

export async function saveSnapshot(sessionId: string): Promise<BoardSnapshotSummary> {
  const body = await requestJson(
    "POST",
    `/sessions/${seg(sessionId)}/board/snapshots`,
    z.object({ snapshot: BoardSnapshotSummary }),
  );
  return body.snapshot;
}

export async function deleteSnapshot(groupId: string, snapshotId: string): Promise<void> {
  await requestJson("DELETE", `/groups/${seg(groupId)}/board/snapshots/${seg(snapshotId)}`, Ok);
}

export async function deleteBoardContent(groupId: string): Promise<void> {
  await requestJson("DELETE", `/groups/${seg(groupId)}/board`, Ok);
}

export async function getScaleHistory(groupId: string): Promise<ScaleHistoryResponse> {
  return requestJson("GET", `/groups/${seg(groupId)}/board/scale-history`, ScaleHistoryResponse);
}

export async function getPreviousSteps(sessionId: string): Promise<PreviousStepsResponse> {
  return requestJson(
    "GET",
    `/sessions/${seg(sessionId)}/board/previous-steps`,
    PreviousStepsResponse,
  );
}
