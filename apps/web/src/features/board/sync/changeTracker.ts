// What this client still owes the server, and what the server already holds. Pure: the board
// component feeds it Excalidraw's scene and the server's messages, and sends what it hands out.
//
// - Every element the user changes (new version/nonce) becomes *pending*, newest version only.
// - `takeBatch` moves pending elements *in flight*; only one batch is in flight at a time.
// - The ack moves accepted versions to *confirmed* (the server holds them); a failed send puts the
//   batch back to pending unless the user changed the element again meanwhile. So a change made
//   offline waits in pending until the connection is back, and nothing acked is ever dropped.
// - Remote elements merge with the same rule the server uses (@piiri/domain/board/merge).
import { compareVersions, type MergeableElement } from "@piiri/domain/board/merge";
import { MAX_BATCH_BYTES, MAX_ELEMENT_BYTES, jsonBytes } from "@piiri/domain/board/limits";
import { MAX_ELEMENTS_PER_UPDATE } from "@piiri/protocol/board";

export interface BoardUpdateAckBody<E> {
  accepted: { id: string; version: number; versionNonce: number }[];
  refused: { id: string; code: string }[];
  current: E[];
}

/** What the scene must do after a server message: adopt elements, drop ids. */
export interface SceneChange<E> {
  /** Elements that now win (insert or replace in the scene). */
  put: E[];
  /** Elements to remove from the scene (refused new elements the server never had). */
  remove: string[];
}

function versionKey(element: MergeableElement): string {
  return `${element.version}:${element.versionNonce}`;
}

export class ChangeTracker<E extends MergeableElement> {
  /** The server's elements as far as this client knows (what a revert falls back to). */
  private confirmed = new Map<string, E>();
  /** Local changes not yet sent, newest version per id. */
  private pending = new Map<string, E>();
  /** The batch awaiting its ack. */
  private inFlight: E[] | null = null;
  /** The version of each element this client last saw in its own scene. */
  private seen = new Map<string, string>();

  get pendingCount(): number {
    return this.pending.size + (this.inFlight?.length ?? 0);
  }

  get hasInFlight(): boolean {
    return this.inFlight !== null;
  }

  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  /** The server-confirmed copy of an element, if any. */
  confirmedElement(id: string): E | undefined {
    return this.confirmed.get(id);
  }

  /**
   * Reads the scene after a local change: every element whose version differs from the last one
   * seen becomes pending. Returns the changed elements.
   */
  noteLocal(elements: readonly E[], copy: (element: E) => E = (element) => element): E[] {
    const changed: E[] = [];
    for (const element of elements) {
      const key = versionKey(element);
      if (this.seen.get(element.id) === key) continue;
      this.seen.set(element.id, key);
      // Excalidraw mutates elements in place while dragging: keep a copy of this version.
      const snapshot = copy(element);
      this.pending.set(element.id, snapshot);
      changed.push(snapshot);
    }
    return changed;
  }

  /**
   * Hands out exactly these pending elements as the next batch (a template goes out in its own
   * `board.template.insert`). Null while another batch is in flight.
   */
  takeIds(ids: readonly string[]): E[] | null {
    if (this.inFlight) return null;
    const batch = ids.flatMap((id) => {
      const element = this.pending.get(id);
      this.pending.delete(id);
      return element ? [element] : [];
    });
    if (batch.length === 0) return null;
    this.inFlight = batch;
    return batch;
  }

  /** Hands out the next batch to send (null when nothing is pending or a batch is in flight). */
  takeBatch(): E[] | null {
    if (this.inFlight || this.pending.size === 0) return null;
    const batch: E[] = [];
    let bytes = 2;
    for (const [id, element] of this.pending) {
      const size = jsonBytes(element) + 1;
      // The server refuses an oversized element whole; keep it out of the batch so the rest gets
      // through, and leave it pending (the caller reports it via `oversized`).
      if (size > MAX_ELEMENT_BYTES) continue;
      if (batch.length >= MAX_ELEMENTS_PER_UPDATE || bytes + size > MAX_BATCH_BYTES) break;
      batch.push(element);
      bytes += size;
      this.pending.delete(id);
    }
    if (batch.length === 0) return null;
    this.inFlight = batch;
    return batch;
  }

  /** Pending elements too big for the server (they can never be sent). */
  oversized(): E[] {
    return [...this.pending.values()].filter((element) => jsonBytes(element) > MAX_ELEMENT_BYTES);
  }

  /** The batch was not delivered (offline, no answer, rate limited): send it again later. */
  requeue(): void {
    if (!this.inFlight) return;
    for (const element of this.inFlight) {
      const newer = this.pending.get(element.id);
      if (!newer || compareVersions(element, newer) > 0) this.pending.set(element.id, element);
    }
    this.inFlight = null;
  }

  /** The server answered the batch. Returns what the scene must adopt or drop. */
  acknowledge(ack: BoardUpdateAckBody<E>): SceneChange<E> {
    const batch = new Map((this.inFlight ?? []).map((element) => [element.id, element]));
    this.inFlight = null;
    for (const ref of ack.accepted) {
      const element = batch.get(ref.id);
      if (element && element.version === ref.version && element.versionNonce === ref.versionNonce) {
        this.confirm(element);
      }
    }
    const change = this.applyRemote(ack.current, { authoritative: true });
    const currentIds = new Set(ack.current.map((element) => element.id));
    for (const refusal of ack.refused) {
      if (currentIds.has(refusal.id)) continue;
      // Refused and unknown to the server: it was a new element in a locked frame. Drop it,
      // unless the user made it again since (a newer pending version goes out on its own).
      if (!this.pending.has(refusal.id)) {
        this.seen.delete(refusal.id);
        change.remove.push(refusal.id);
      }
    }
    return change;
  }

  /**
   * The whole batch was refused (board locked, too large): the server kept nothing. Falls back
   * to the server's copies; elements it never had are removed.
   */
  refuseBatch(): SceneChange<E> {
    const change: SceneChange<E> = { put: [], remove: [] };
    for (const element of this.inFlight ?? []) {
      if (this.pending.has(element.id)) continue;
      const server = this.confirmed.get(element.id);
      if (server) {
        this.seen.set(element.id, versionKey(server));
        change.put.push(server);
      } else {
        this.seen.delete(element.id);
        change.remove.push(element.id);
      }
    }
    this.inFlight = null;
    return change;
  }

  /**
   * Elements from the server (others' winning versions, or its copies in an ack). Returns the ones
   * that win against this client's own and must go into the scene. With `authoritative` the
   * server's copy replaces ours even at a lower version (it superseded or refused ours).
   */
  applyRemote(elements: readonly E[], options: { authoritative?: boolean } = {}): SceneChange<E> {
    const put: E[] = [];
    for (const element of elements) {
      this.confirm(element, options.authoritative);
      if (!options.authoritative && this.ownVersionWins(element)) continue;
      this.pending.delete(element.id);
      this.seen.set(element.id, versionKey(element));
      put.push(element);
    }
    return { put, remove: [] };
  }

  /**
   * The whole scene from the server (on join and after every reconnect). Merges it with what
   * this client holds: its pending changes that still win stay pending and get sent. With
   * `reset` (the supervisor deleted everything) local state is dropped.
   */
  applyScene(elements: readonly E[], reset: boolean, local: readonly E[]): SceneChange<E> {
    this.requeue();
    if (reset) {
      const serverIds = new Set(elements.map((element) => element.id));
      this.pending.clear();
      this.confirmed.clear();
      this.seen.clear();
      const change = this.applyRemote(elements, { authoritative: true });
      change.remove = local.map((element) => element.id).filter((id) => !serverIds.has(id));
      return change;
    }
    // Anything the user did that onChange has not reported yet is a pending change too.
    this.noteLocal(local);
    return this.applyRemote(elements);
  }

  /** Whether this client's unsent or in-flight version beats the incoming one. */
  private ownVersionWins(incoming: E): boolean {
    const mine = this.pending.get(incoming.id);
    if (mine && compareVersions(mine, incoming) > 0) return true;
    const flying = this.inFlight?.find((element) => element.id === incoming.id);
    return flying !== undefined && compareVersions(flying, incoming) > 0;
  }

  private confirm(element: E, authoritative = false): void {
    const known = this.confirmed.get(element.id);
    if (authoritative || !known || compareVersions(element, known) > 0) {
      this.confirmed.set(element.id, element);
    }
  }
}

/** Merges a change into a scene (elements by id), keeping the scene's order for known ids. */
export function applySceneChange<E extends MergeableElement>(
  scene: readonly E[],
  change: SceneChange<E>,
): E[] {
  const removed = new Set(change.remove);
  const replacements = new Map(change.put.map((element) => [element.id, element]));
  const next: E[] = [];
  for (const element of scene) {
    if (removed.has(element.id)) continue;
    const replacement = replacements.get(element.id);
    next.push(replacement ?? element);
    replacements.delete(element.id);
  }
  next.push(...replacements.values());
  return next;
}

/** Excalidraw's z-order: by fractional `index` (plain string order), as its own reconcile does. */
export function orderByIndex<E extends { id: string; index?: string | null }>(
  elements: readonly E[],
): E[] {
  return [...elements].sort((a, b) => {
    const ia = a.index ?? "";
    const ib = b.index ?? "";
    if (ia !== ib) return ia < ib ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}
