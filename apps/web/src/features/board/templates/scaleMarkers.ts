// Markers on a scaling line. They are not board elements: each browser draws them itself from
// the values the server lets it see (its own until the supervisor reveals everyone's), with ids
// the board never sends (see LOCAL_ONLY_PREFIX).
import type { ExcalidrawElementSkeleton } from "@excalidraw/excalidraw/data/transform";
import type { ScaleView } from "@piiri/protocol/board";
import { LOCAL_ONLY_PREFIX } from "../sync/boardStore.ts";

export interface ScaleLine {
  x: number;
  y: number;
  width: number;
}

const OWN = "#1971c2";
const OTHERS = "#e8590c";
const RADIUS = 14;
const STACK_STEP = 44;

export function markerIdPrefix(exerciseId: string): string {
  return `${LOCAL_ONLY_PREFIX}scale-${exerciseId}-`;
}

/** One marker (a dot and the person's name) per visible value, stacked above the line. */
export function scaleMarkers(
  exerciseId: string,
  line: ScaleLine,
  view: ScaleView,
  myMembershipId: string,
  names: { you: string },
): ExcalidrawElementSkeleton[] {
  const prefix = markerIdPrefix(exerciseId);
  const stacks = new Map<number, number>();
  const ordered = [...view.values].sort((a, b) =>
    a.membershipId === myMembershipId
      ? -1
      : b.membershipId === myMembershipId
        ? 1
        : a.displayName.localeCompare(b.displayName),
  );
  return ordered.flatMap((entry) => {
    const level = stacks.get(entry.value) ?? 0;
    stacks.set(entry.value, level + 1);
    const own = entry.membershipId === myMembershipId;
    const centreX = line.x + (line.width * entry.value) / 10;
    const centreY = line.y - 36 - level * STACK_STEP;
    const color = own ? OWN : OTHERS;
    return [
      {
        type: "ellipse",
        id: `${prefix}${entry.membershipId}-dot`,
        x: centreX - RADIUS,
        y: centreY - RADIUS,
        width: RADIUS * 2,
        height: RADIUS * 2,
        backgroundColor: color,
        strokeColor: color,
        fillStyle: "solid",
        roughness: 0,
        locked: true,
      },
      {
        type: "text",
        id: `${prefix}${entry.membershipId}-name`,
        x: centreX + RADIUS + 4,
        y: centreY - 11,
        text: own ? names.you : entry.displayName,
        fontSize: 16,
        fontFamily: 6,
        strokeColor: color,
        locked: true,
      },
    ] satisfies ExcalidrawElementSkeleton[];
  });
}

/** The group's average per session, from the revealed values (oldest first). */
export function scaleTrend(
  sessions: readonly { sessionId: string; startsAt: string; exercises: readonly ScaleView[] }[],
): { sessionId: string; startsAt: string; average: number; count: number }[] {
  return sessions
    .flatMap((session) => {
      const values = session.exercises
        .filter((view) => view.revealed)
        .flatMap((view) => view.values.map((entry) => entry.value));
      if (values.length === 0) return [];
      const average = values.reduce((sum, value) => sum + value, 0) / values.length;
      return [
        {
          sessionId: session.sessionId,
          startsAt: session.startsAt,
          average: Math.round(average * 10) / 10,
          count: values.length,
        },
      ];
    })
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}
