// The scaling question's confidentiality: what one person may see of an exercise's values.
import type { ScaleEntry, ScaleView } from "@piiri/protocol/board";

/**
 * The exercise as `viewerMembershipId` may see it: before the reveal only their own value (and how
 * many have placed a marker); after it, everyone's.
 */
export function scaleViewFor(
  exerciseId: string,
  entries: readonly ScaleEntry[],
  revealed: boolean,
  viewerMembershipId: string,
): ScaleView {
  return {
    exerciseId,
    revealed,
    placedCount: entries.length,
    values: revealed
      ? [...entries]
      : entries.filter((entry) => entry.membershipId === viewerMembershipId),
  };
}
