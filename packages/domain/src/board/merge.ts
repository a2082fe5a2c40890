// Merging Excalidraw elements: the rule every client and the server apply, so that any order of
// delivery converges to the same scene. Per element the higher `version` wins; on a tie the lower
// `versionNonce` wins (Excalidraw's own rule); on a tie of both, the lower merge key wins: a live
// element's key is a hash of its canonical JSON, so two different contents can never both stay;
// a deletion's key is empty, so it beats any content and two deletions are the same version.
// A deletion is a tombstone (`isDeleted: true` with its version and nothing else, see
// `tombstoneOf`): it loses only to a higher version, so an older change can never resurrect a
// deleted element, and what the element said is kept nowhere.

/** The fields of an element the merge reads; everything else is carried along untouched. */
export interface MergeableElement {
  readonly id: string;
  readonly version: number;
  readonly versionNonce: number;
  readonly isDeleted: boolean;
}

/** A scene: element id → element (tombstones included). */
export type Scene<E extends MergeableElement = MergeableElement> = ReadonlyMap<string, E>;

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, sortedKeys) ?? "null";
}

function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) sorted[key] = record[key];
  return sorted;
}

/**
 * A 64-bit hash (two 32-bit FNV-1a lanes with different offsets) of the element's canonical JSON
 * as 16 lower-case hex digits. Fixed width, so comparing two keys as strings (JavaScript's `<`,
 * PostgreSQL's `COLLATE "C"`) agrees everywhere.
 */
export function contentKey(element: unknown): string {
  const text = canonicalJson(element);
  let low = 0x811c9dc5;
  let high = 0x050c5d1f;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    low = Math.imul(low ^ code, 0x01000193);
    high = Math.imul(high ^ code, 0x01000193) ^ (low >>> 15);
  }
  return (high >>> 0).toString(16).padStart(8, "0") + (low >>> 0).toString(16).padStart(8, "0");
}

/**
 * A deleted element as it is kept and sent: only what this merge rule reads. (A type, not an
 * interface, so it is assignable where an element with an index signature is expected.)
 */
export type Tombstone = {
  readonly id: string;
  readonly version: number;
  readonly versionNonce: number;
  readonly isDeleted: true;
};

export function tombstoneOf(element: MergeableElement): Tombstone {
  return {
    id: element.id,
    version: element.version,
    versionNonce: element.versionNonce,
    isDeleted: true,
  };
}

/** The element as the server keeps it: a deleted one reduced to its tombstone. */
export function storedForm<E extends MergeableElement>(element: E): E | Tombstone {
  return element.isDeleted ? tombstoneOf(element) : element;
}

/**
 * What breaks a tie of version and nonce: the content key of a live element, the empty string
 * for a deletion (lower than every content key, in JavaScript and in PostgreSQL's `COLLATE "C"`
 * alike, so the database applies the same rule; a deletion has no content to compare).
 */
export function mergeKey(element: MergeableElement): string {
  return element.isDeleted ? "" : contentKey(element);
}

/**
 * Orders two versions of the same element: > 0 when `a` wins, < 0 when `b` wins, 0 when they are
 * the same version (same version, nonce and content, or both deleted).
 */
export function compareVersions(a: MergeableElement, b: MergeableElement): number {
  if (a.version !== b.version) return a.version > b.version ? 1 : -1;
  if (a.versionNonce !== b.versionNonce) return a.versionNonce < b.versionNonce ? 1 : -1;
  const keyA = mergeKey(a);
  const keyB = mergeKey(b);
  if (keyA === keyB) return 0;
  return keyA < keyB ? 1 : -1;
}

/** The winner of two versions of one element (the first one when they are the same). */
export function winner<E extends MergeableElement>(a: E, b: E): E {
  return compareVersions(a, b) >= 0 ? a : b;
}

export interface MergeResult<E extends MergeableElement> {
  /** The scene after the merge (a new map; the input is not changed). */
  scene: Map<string, E>;
  /** Incoming elements that won and are now in the scene (last one per id). */
  accepted: E[];
  /** Ids whose incoming version lost to (or equalled) the version the scene already had. */
  superseded: string[];
}

/**
 * Merges incoming elements into a scene. An incoming element is accepted when it beats the
 * scene's version (or the scene has none); a version equal to the stored one is superseded, so
 * sending the same batch twice changes nothing and reports nothing new.
 */
export function mergeInto<E extends MergeableElement>(
  scene: Scene<E>,
  incoming: Iterable<E>,
): MergeResult<E> {
  const next = new Map(scene);
  const accepted = new Map<string, E>();
  const superseded = new Set<string>();
  for (const element of incoming) {
    const current = next.get(element.id);
    if (current === undefined || compareVersions(element, current) > 0) {
      next.set(element.id, element);
      accepted.set(element.id, element);
      superseded.delete(element.id);
    } else if (!accepted.has(element.id)) {
      superseded.add(element.id);
    }
  }
  return { scene: next, accepted: [...accepted.values()], superseded: [...superseded] };
}

/** The union of two scenes, each element at its winning version. Commutative, associative, idempotent. */
export function mergeScenes<E extends MergeableElement>(a: Scene<E>, b: Scene<E>): Map<string, E> {
  return mergeInto(a, b.values()).scene;
}

export function sceneOf<E extends MergeableElement>(elements: Iterable<E>): Map<string, E> {
  return mergeInto(new Map<string, E>(), elements).scene;
}

/** The elements that are not deleted. */
export function liveElements<E extends MergeableElement>(scene: Scene<E>): E[] {
  return [...scene.values()].filter((element) => !element.isDeleted);
}
