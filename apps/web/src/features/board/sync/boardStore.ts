// The board's client state for one session, outside React and outside Excalidraw: it is created
// with the session page (so the scene the server sends on join is kept even before anyone opens
// the board) and outlives the lazily loaded canvas. It owns the change tracker and the sending
// loop; the canvas feeds it local changes and applies the scene changes it announces.
import type {
  BoardElement,
  BoardFile,
  BoardState,
  BoardTemplateKind,
  BoardUpdateAck,
  ScaleView,
} from "@piiri/protocol/board";
import type { ErrorCode } from "@piiri/protocol/errors";
import type { Ack, ClientRequest, ServerEvent } from "@piiri/protocol/realtime";
import { ChangeTracker, type SceneChange } from "./changeTracker.ts";
import { isRefusedType, sendableCopy } from "./sendable.ts";

export type Send = <T extends object = object>(message: ClientRequest) => Promise<Ack<T>>;

/**
 * Someone else's cursor. An anonymous one (inside an exercise with anonymous notes) has no
 * membership id and no name: only its key, which lasts one visit to the frame.
 */
export interface RemotePointer {
  /** "named:<membershipId>" or "anonymous:<visit id>". */
  key: string;
  membershipId: string | null;
  displayName: string | null;
  x: number;
  y: number;
  /** When it last moved (this browser's clock). */
  movedAt: number;
}

export interface BoardSnapshotView {
  /** True once the server sent the scene after the latest (re)join. */
  ready: boolean;
  connected: boolean;
  state: BoardState;
  pendingCount: number;
  /** The last refusal of this client's changes, for a message (cleared by the next success). */
  lastRefusal: ErrorCode | null;
  scales: ReadonlyMap<string, ScaleView>;
  pointers: ReadonlyMap<string, RemotePointer>;
  /** Bumped whenever `files` changes. */
  filesVersion: number;
  /** Elements on the board (not deleted): the canvas's content said in words. */
  elementCount: number;
}

export type SceneListener = (change: SceneChange<BoardElement>, reset: boolean) => void;

const RETRY_AFTER_RATE_LIMIT_MS = 1_000;
/**
 * An anonymous cursor that has not moved for this long is dropped: nobody can say whose it was
 * when its owner leaves, so it cannot be forgotten with them.
 */
export const ANONYMOUS_POINTER_IDLE_MS = 3_000;
const FLUSH_DELAY_MS = 40;
const POINTER_INTERVAL_MS = 50;

/** Elements only this browser draws (scaling markers): never sent, never stored. */
export const LOCAL_ONLY_PREFIX = "local-";
export function isLocalOnly(id: string): boolean {
  return id.startsWith(LOCAL_ONLY_PREFIX);
}

const INITIAL_STATE: BoardState = { locked: false, frames: [] };

export class BoardStore {
  private readonly tracker = new ChangeTracker<BoardElement>();
  private scene = new Map<string, BoardElement>();
  private files = new Map<string, BoardFile>();
  /** Files this client has sent or received: never sent again. */
  private knownFileIds = new Set<string>();
  private templates: { frameId: string; kind: BoardTemplateKind; ids: string[] }[] = [];
  private view: BoardSnapshotView = {
    ready: false,
    connected: false,
    state: INITIAL_STATE,
    pendingCount: 0,
    lastRefusal: null,
    scales: new Map(),
    pointers: new Map(),
    filesVersion: 0,
    elementCount: 0,
  };
  private readonly viewListeners = new Set<() => void>();
  private readonly sceneListeners = new Set<SceneListener>();
  private sending = false;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private lastPointerAt = 0;

  constructor(
    readonly sessionId: string,
    private readonly send: Send,
    private readonly now: () => number = () => Date.now(),
  ) {}

  // ---- reading ----

  getView = (): BoardSnapshotView => this.view;

  subscribeView = (listener: () => void): (() => void) => {
    this.viewListeners.add(listener);
    return () => this.viewListeners.delete(listener);
  };

  subscribeScene(listener: SceneListener): () => void {
    this.sceneListeners.add(listener);
    return () => this.sceneListeners.delete(listener);
  }

  /** Every element the client holds (tombstones included). */
  elements(): BoardElement[] {
    return [...this.scene.values()];
  }

  allFiles(): BoardFile[] {
    return [...this.files.values()];
  }

  // ---- the connection ----

  setConnected(connected: boolean): void {
    if (connected === this.view.connected) return;
    // A new join is followed by a fresh scene; until then nothing is sent.
    this.update({ connected, ready: false, pointers: new Map() });
    if (!connected) this.tracker.requeue();
  }

  handleEvent(event: ServerEvent): void {
    if (!("sessionId" in event) || event.sessionId !== this.sessionId) return;
    switch (event.type) {
      case "board.scene": {
        const change = this.tracker.applyScene(event.elements, event.reset, this.elements());
        if (event.reset) {
          this.files.clear();
          this.knownFileIds.clear();
          this.templates = [];
        }
        this.addFiles(event.files);
        this.applyChange(change, event.reset);
        this.update({ ready: true, connected: true, state: event.state });
        this.scheduleFlush(0);
        return;
      }
      case "board.elements":
        this.applyChange(this.tracker.applyRemote(event.elements), false);
        return;
      case "board.files":
        this.addFiles(event.files);
        return;
      case "board.state":
        this.update({ state: event.state });
        return;
      case "board.pointer": {
        const { pointer } = event;
        const named = pointer.kind === "named";
        const key = named ? `named:${pointer.membershipId}` : `anonymous:${pointer.id}`;
        const pointers = this.withoutIdleAnonymous();
        pointers.set(key, {
          key,
          membershipId: named ? pointer.membershipId : null,
          displayName: named ? pointer.displayName : null,
          x: event.x,
          y: event.y,
          movedAt: this.now(),
        });
        this.update({ pointers });
        return;
      }
      case "board.pointer.gone": {
        const { pointer } = event;
        const pointers = new Map(this.view.pointers);
        pointers.delete(
          pointer.kind === "named" ? `named:${pointer.membershipId}` : `anonymous:${pointer.id}`,
        );
        this.update({ pointers });
        return;
      }
      case "board.scale": {
        const scales = new Map(this.view.scales);
        scales.set(event.scale.exerciseId, event.scale);
        this.update({ scales });
        return;
      }
      default:
        return;
    }
  }

  /** Forget the cursors of people who left (and anonymous ones that stopped moving). */
  keepPointersOf(membershipIds: ReadonlySet<string>): void {
    const kept = [...this.withoutIdleAnonymous()].filter(
      ([, pointer]) => pointer.membershipId === null || membershipIds.has(pointer.membershipId),
    );
    if (kept.length !== this.view.pointers.size) this.update({ pointers: new Map(kept) });
  }

  /** Drop anonymous cursors that stopped moving (called now and then). */
  expireIdlePointers(): void {
    const kept = this.withoutIdleAnonymous();
    if (kept.size !== this.view.pointers.size) this.update({ pointers: kept });
  }

  private withoutIdleAnonymous(): Map<string, RemotePointer> {
    const now = this.now();
    return new Map(
      [...this.view.pointers].filter(
        ([, pointer]) =>
          pointer.membershipId !== null || now - pointer.movedAt < ANONYMOUS_POINTER_IDLE_MS,
      ),
    );
  }

  // ---- local changes ----

  /**
   * The canvas reports its elements after a change; what changed is queued and sent, as the
   * server takes it (see sendable.ts: deletions as bare tombstones, no foreign customData).
   */
  noteLocal(elements: readonly BoardElement[]): void {
    const shared = elements.filter(
      (element) => !isLocalOnly(element.id) && !isRefusedType(element),
    );
    const changed = this.tracker.noteLocal(shared, sendableCopy);
    if (changed.length === 0) return;
    for (const element of changed) this.scene.set(element.id, element);
    this.update({ pendingCount: this.tracker.pendingCount, elementCount: this.countLive() });
    this.scheduleFlush(FLUSH_DELAY_MS);
  }

  /** A template's elements (already in the canvas) go out as one `board.template.insert`. */
  insertTemplate(
    frameId: string,
    kind: BoardTemplateKind,
    elements: readonly BoardElement[],
  ): void {
    this.noteLocal(elements);
    this.templates.push({ frameId, kind, ids: elements.map((element) => element.id) });
    this.scheduleFlush(0);
  }

  /** Images the canvas holds; new ones are sent once. */
  noteFiles(files: readonly BoardFile[]): void {
    for (const file of files) {
      if (this.knownFileIds.has(file.id)) continue;
      this.knownFileIds.add(file.id);
      this.files.set(file.id, file);
      void this.send({ type: "board.file.add", sessionId: this.sessionId, file }).then((ack) => {
        // Not delivered: try again with the next change (refused for size: keep it local only).
        if (!ack.ok && ack.code === "INTERNAL") this.knownFileIds.delete(file.id);
      });
    }
  }

  pointer(x: number, y: number): void {
    const now = this.now();
    if (!this.view.ready || now - this.lastPointerAt < POINTER_INTERVAL_MS) return;
    this.lastPointerAt = now;
    void this.send({ type: "board.pointer", sessionId: this.sessionId, x, y });
  }

  /** Acknowledged requests of the supervisor's controls and the scaling exercise. */
  request(message: ClientRequest): Promise<Ack> {
    return this.send(message);
  }

  dispose(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    // Anything still pending is scheduled again by the next change or scene.
  }

  // ---- internals ----

  private scheduleFlush(delay: number): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      void this.flush();
    }, delay);
  }

  /** Sends batches one at a time until nothing is pending or the line is down. */
  private async flush(): Promise<void> {
    if (this.sending || !this.view.ready) return;
    this.sending = true;
    try {
      for (;;) {
        if (!this.view.ready) return;
        const template = this.templates[0];
        const batch = template ? this.tracker.takeIds(template.ids) : this.tracker.takeBatch();
        if (template) this.templates.shift();
        if (!batch) {
          if (template) continue;
          return;
        }
        const ack = await this.send<BoardUpdateAck>(
          template
            ? {
                type: "board.template.insert",
                sessionId: this.sessionId,
                frameId: template.frameId,
                kind: template.kind,
                elements: batch,
              }
            : { type: "board.update", sessionId: this.sessionId, elements: batch },
        );
        if (ack.ok) {
          this.applyChange(this.tracker.acknowledge(ack), false);
          this.update({
            pendingCount: this.tracker.pendingCount,
            lastRefusal: ack.refused[0]?.code ?? null,
          });
          continue;
        }
        if (ack.code === "INTERNAL" || ack.code === "RATE_LIMITED") {
          // Not delivered: keep everything and try again (after the rejoin, or in a moment).
          this.tracker.requeue();
          if (template) this.templates.unshift(template);
          this.update({ pendingCount: this.tracker.pendingCount });
          if (ack.code === "RATE_LIMITED") {
            setTimeout(() => this.scheduleFlush(0), RETRY_AFTER_RATE_LIMIT_MS);
          }
          return;
        }
        // Refused whole (board locked, too large, not allowed): the server kept none of it.
        this.applyChange(this.tracker.refuseBatch(), false);
        this.update({ pendingCount: this.tracker.pendingCount, lastRefusal: ack.code });
      }
    } finally {
      this.sending = false;
    }
  }

  private applyChange(change: SceneChange<BoardElement>, reset: boolean): void {
    if (reset) this.scene = new Map();
    for (const id of change.remove) this.scene.delete(id);
    for (const element of change.put) this.scene.set(element.id, element);
    if (change.put.length > 0 || change.remove.length > 0 || reset) {
      this.update({ elementCount: this.countLive() });
      for (const listener of this.sceneListeners) listener(change, reset);
    }
  }

  private countLive(): number {
    let count = 0;
    for (const element of this.scene.values()) if (!element.isDeleted) count += 1;
    return count;
  }

  private addFiles(files: readonly BoardFile[]): void {
    if (files.length === 0) return;
    for (const file of files) {
      this.files.set(file.id, file);
      this.knownFileIds.add(file.id);
    }
    this.update({ filesVersion: this.view.filesVersion + 1 });
  }

  private update(patch: Partial<BoardSnapshotView>): void {
    this.view = { ...this.view, ...patch };
    for (const listener of this.viewListeners) listener();
  }
}
