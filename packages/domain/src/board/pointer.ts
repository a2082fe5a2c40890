// Live cursors and anonymous exercises. Inside (or at the edge of) a frame whose notes are
// anonymous, a cursor must not say whose it is: the server decides from the frame's geometry it
// holds, never from what the client claims, and sends such a cursor with no membership id, no
// name and no lasting id — only a random id that lives while the cursor stays inside (a new one
// each time it enters), so that two visits cannot be linked to each other. A person's named
// cursor is taken away from the others' screens when it goes in, and after going in or coming
// out the cursor stays hidden for a moment, so that the named cursor vanishing and an unnamed
// one appearing are not the same instant. (A cursor is a position that moves continuously; with
// one person moving, someone watching closely can still follow it. This removes every
// identifier, not what can be seen.)

/** A frame's area in scene coordinates. */
export interface Area {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** How far outside an anonymous frame a cursor already counts as inside (scene units). */
export const ANONYMOUS_MARGIN = 24;
/** How long a cursor stays hidden after entering or leaving an anonymous frame (ms, random). */
export const QUIET_MIN_MS = 300;
export const QUIET_MAX_MS = 1000;

/** The area of a frame element as the server stored it; null when its geometry is unreadable. */
export function areaOf(element: unknown): Area | null {
  if (element === null || typeof element !== "object") return null;
  const { x, y, width, height } = element as Record<string, unknown>;
  const numbers = [x, y, width, height];
  if (!numbers.every((n): n is number => typeof n === "number" && Number.isFinite(n))) return null;
  const [ax, ay, w, h] = numbers as [number, number, number, number];
  // Excalidraw keeps sizes positive, but a stored element is only as good as its writer.
  return {
    x: Math.min(ax, ax + w),
    y: Math.min(ay, ay + h),
    width: Math.abs(w),
    height: Math.abs(h),
  };
}

/**
 * Whether a point is inside (or within the margin of) any of the areas. "everywhere" stands for
 * an anonymous frame whose geometry could not be read: then every cursor is anonymous.
 */
export function insideAny(
  point: { x: number; y: number },
  areas: readonly Area[] | "everywhere",
  margin = ANONYMOUS_MARGIN,
): boolean {
  if (areas === "everywhere") return true;
  return areas.some(
    (area) =>
      point.x >= area.x - margin &&
      point.x <= area.x + area.width + margin &&
      point.y >= area.y - margin &&
      point.y <= area.y + area.height + margin,
  );
}

/** What the others see of one connection's cursor, and what it is now. */
export interface PointerPrivacy {
  /** The random id of the current visit to an anonymous frame; null outside. */
  readonly anonymousId: string | null;
  /** Until when the cursor stays hidden (ms, the server's clock). */
  readonly quietUntil: number;
  /** What the others were last shown of this cursor. */
  readonly shown: "named" | "anonymous" | null;
}

export const NO_POINTER: PointerPrivacy = { anonymousId: null, quietUntil: 0, shown: null };

export type PointerRef = { kind: "named" } | { kind: "anonymous"; id: string };

export interface PointerStep {
  next: PointerPrivacy;
  /** A cursor the others must stop showing (named: the sender's; anonymous: by its id). */
  gone: PointerRef | null;
  /** How to send this position, or null to send nothing. */
  send: PointerRef | null;
}

/**
 * One cursor position: whether and how it goes out. `fresh` gives a new random visit id and a
 * random quiet time (in [QUIET_MIN_MS, QUIET_MAX_MS]); both are inputs so tests can see them.
 */
export function pointerStep(
  previous: PointerPrivacy,
  inside: boolean,
  now: number,
  fresh: { id: () => string; quietMs: () => number },
): PointerStep {
  if (inside && previous.anonymousId === null) {
    return {
      next: { anonymousId: fresh.id(), quietUntil: now + fresh.quietMs(), shown: null },
      gone: previous.shown === "named" ? { kind: "named" } : null,
      send: null,
    };
  }
  if (!inside && previous.anonymousId !== null) {
    return {
      next: { anonymousId: null, quietUntil: now + fresh.quietMs(), shown: null },
      gone: previous.shown === "anonymous" ? { kind: "anonymous", id: previous.anonymousId } : null,
      send: null,
    };
  }
  if (now < previous.quietUntil) return { next: previous, gone: null, send: null };
  if (previous.anonymousId !== null) {
    return {
      next: { ...previous, shown: "anonymous" },
      gone: null,
      send: { kind: "anonymous", id: previous.anonymousId },
    };
  }
  return { next: { ...previous, shown: "named" }, gone: null, send: { kind: "named" } };
}
