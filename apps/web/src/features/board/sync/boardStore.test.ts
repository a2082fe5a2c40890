import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { BoardElement } from "@piiri/protocol/board";
import type { Ack, ClientRequest } from "@piiri/protocol/realtime";
import { ANONYMOUS_POINTER_IDLE_MS, BoardStore } from "./boardStore.ts";

const sessionId = "11111111-1111-4111-8111-111111111111";
const groupId = "22222222-2222-4222-8222-222222222222";
const el = (id: string, version: number): BoardElement => ({
  id,
  type: "rectangle",
  version,
  versionNonce: version,
  isDeleted: false,
});

function scene(elements: BoardElement[], reset = false) {
  return {
    type: "board.scene" as const,
    sessionId,
    groupId,
    elements,
    files: [],
    state: { locked: false, frames: [] },
    reset,
  };
}

/** A store whose requests go to `answer`; every request is recorded. */
function storeWith(answer: (message: ClientRequest) => Ack) {
  const sent: ClientRequest[] = [];
  const store = new BoardStore(sessionId, <T extends object>(message: ClientRequest) => {
    sent.push(message);
    return Promise.resolve(answer(message) as Ack<T>);
  });
  return { store, sent };
}

const acceptAll = (message: ClientRequest): Ack => {
  if (message.type !== "board.update" && message.type !== "board.template.insert")
    return { ok: true };
  return {
    ok: true,
    accepted: message.elements.map(({ id, version, versionNonce }) => ({
      id,
      version,
      versionNonce,
    })),
    refused: [],
    current: [],
  } as Ack;
};

async function settle() {
  await vi.runAllTimersAsync();
}

describe("BoardStore", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("sends nothing before the server's scene arrives, then only what changed", async () => {
    const { store, sent } = storeWith(acceptAll);
    store.setConnected(true);
    store.noteLocal([el("a", 1)]);
    await settle();
    expect(sent).toHaveLength(0);
    store.handleEvent(scene([el("b", 1)]));
    await settle();
    expect(sent.map((message) => message.type)).toEqual(["board.update"]);
    expect(sent[0]).toMatchObject({ elements: [el("a", 1)] });
    expect(store.getView()).toMatchObject({ ready: true, pendingCount: 0, elementCount: 2 });
  });

  it("keeps changes made offline and sends them after the rejoin's scene", async () => {
    let online = true;
    const { store, sent } = storeWith((message) =>
      online ? acceptAll(message) : { ok: false, code: "INTERNAL", message: "not connected" },
    );
    store.setConnected(true);
    store.handleEvent(scene([]));
    online = false;
    store.noteLocal([el("a", 1)]);
    await settle();
    store.setConnected(false);
    store.noteLocal([el("a", 2), el("b", 1)]);
    await settle();
    expect(store.getView().pendingCount).toBe(2);
    online = true;
    store.setConnected(true);
    store.handleEvent(scene([]));
    await settle();
    const last = sent.at(-1);
    expect(last?.type).toBe("board.update");
    expect(
      last && "elements" in last
        ? last.elements.map((element) => `${element.id}@${element.version}`).sort()
        : [],
    ).toEqual(["a@2", "b@1"]);
    expect(store.getView().pendingCount).toBe(0);
  });

  it("a refused batch (board locked) is reverted and said", async () => {
    const { store } = storeWith(() => ({ ok: false, code: "BOARD_LOCKED", message: "locked" }));
    const changes: string[][] = [];
    store.subscribeScene((change) => changes.push(change.remove));
    store.setConnected(true);
    store.handleEvent(scene([]));
    store.noteLocal([el("mine", 1)]);
    await settle();
    expect(changes.at(-1)).toEqual(["mine"]);
    expect(store.getView()).toMatchObject({
      lastRefusal: "BOARD_LOCKED",
      pendingCount: 0,
      elementCount: 0,
    });
  });

  it("a template goes out as one board.template.insert with its frame", async () => {
    const { store, sent } = storeWith(acceptAll);
    store.setConnected(true);
    store.handleEvent(scene([]));
    store.insertTemplate("t-frame", "scaling", [el("t-frame", 1), el("t-line", 1)]);
    await settle();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      type: "board.template.insert",
      frameId: "t-frame",
      kind: "scaling",
    });
  });

  it("never sends this browser's own scaling markers", async () => {
    const { store, sent } = storeWith(acceptAll);
    store.setConnected(true);
    store.handleEvent(scene([]));
    store.noteLocal([el("local-scale-x-dot", 1)]);
    await settle();
    expect(sent).toHaveLength(0);
  });

  it("remembers others' cursors and scaling views, and forgets people who left", () => {
    const { store } = storeWith(acceptAll);
    const other = "33333333-3333-4333-8333-333333333333";
    store.handleEvent({
      type: "board.pointer",
      sessionId,
      pointer: { kind: "named", membershipId: other, displayName: "Bertil" },
      x: 1,
      y: 2,
    });
    store.handleEvent({
      type: "board.scale",
      sessionId,
      scale: { exerciseId: "ex", revealed: false, placedCount: 2, values: [] },
    });
    expect(store.getView().pointers.get(`named:${other}`)?.displayName).toBe("Bertil");
    expect(store.getView().scales.get("ex")?.placedCount).toBe(2);
    store.keepPointersOf(new Set());
    expect(store.getView().pointers.size).toBe(0);
  });

  it("keeps an anonymous cursor nameless, drops it when told or when it stops moving", () => {
    let now = 1_000;
    const store = new BoardStore(
      sessionId,
      () => Promise.resolve({ ok: true }),
      () => now,
    );
    const other = "33333333-3333-4333-8333-333333333333";
    const anonymous = (id: string, x: number) =>
      store.handleEvent({
        type: "board.pointer",
        sessionId,
        pointer: { kind: "anonymous", id },
        x,
        y: 2,
      });
    store.handleEvent({
      type: "board.pointer",
      sessionId,
      pointer: { kind: "named", membershipId: other, displayName: "Bertil" },
      x: 1,
      y: 2,
    });
    store.handleEvent({
      type: "board.pointer.gone",
      sessionId,
      pointer: { kind: "named", membershipId: other },
    });
    anonymous("visit-aaaa", 5);
    anonymous("visit-aaaa", 6);
    anonymous("visit-bbbb", 9);
    expect([...store.getView().pointers.values()]).toEqual([
      expect.objectContaining({
        key: "anonymous:visit-aaaa",
        membershipId: null,
        displayName: null,
        x: 6,
      }),
      expect.objectContaining({
        key: "anonymous:visit-bbbb",
        membershipId: null,
        displayName: null,
      }),
    ]);
    // People leaving do not take anonymous cursors with them (nobody knows whose they are).
    store.keepPointersOf(new Set());
    expect(store.getView().pointers.size).toBe(2);
    store.handleEvent({
      type: "board.pointer.gone",
      sessionId,
      pointer: { kind: "anonymous", id: "visit-bbbb" },
    });
    expect([...store.getView().pointers.keys()]).toEqual(["anonymous:visit-aaaa"]);
    now += ANONYMOUS_POINTER_IDLE_MS;
    store.expireIdlePointers();
    expect(store.getView().pointers.size).toBe(0);
  });

  it("ignores events of another session", () => {
    const { store } = storeWith(acceptAll);
    store.handleEvent({
      ...scene([el("a", 1)]),
      sessionId: "44444444-4444-4444-8444-444444444444",
    });
    expect(store.getView().ready).toBe(false);
  });
});
