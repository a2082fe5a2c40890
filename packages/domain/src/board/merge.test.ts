import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  compareVersions,
  contentKey,
  liveElements,
  mergeKey,
  mergeInto,
  mergeScenes,
  sceneOf,
  storedForm,
  tombstoneOf,
  winner,
  type MergeableElement,
} from "./merge.ts";

interface El extends MergeableElement {
  text: string;
}

const IDS = ["a", "b", "c", "d"];
const element = fc.record({
  id: fc.constantFrom(...IDS),
  version: fc.integer({ min: 1, max: 6 }),
  // A small nonce range makes ties (same version and nonce, different content) common.
  versionNonce: fc.integer({ min: 0, max: 3 }),
  isDeleted: fc.boolean(),
  text: fc.constantFrom("x", "y", "z"),
});
const scene = fc.array(element, { maxLength: 12 }).map((elements) => sceneOf<El>(elements));

/**
 * A scene as text that includes content, so equal signatures mean equal scenes. A deleted
 * element counts as its tombstone: what it said is not part of the scene (the server strips it).
 */
const signature = (s: ReadonlyMap<string, El>) =>
  [...s.values()].map((e) => canonicalJson(storedForm(e))).sort().join("\n");

describe("merge rule", () => {
  it("prefers the higher version, then the lower nonce, then the lower content key", () => {
    const base = { id: "a", isDeleted: false, text: "x" };
    expect(winner({ ...base, version: 2, versionNonce: 9 }, { ...base, version: 1, versionNonce: 0 }).version).toBe(2);
    expect(winner({ ...base, version: 2, versionNonce: 9 }, { ...base, version: 2, versionNonce: 3 }).versionNonce).toBe(3);
    const x = { ...base, version: 2, versionNonce: 3, text: "x" };
    const y = { ...base, version: 2, versionNonce: 3, text: "y" };
    const expected = contentKey(x) < contentKey(y) ? x : y;
    expect(winner(x, y)).toBe(expected);
    expect(winner(y, x)).toBe(expected);
    expect(compareVersions(x, { ...x })).toBe(0);
  });

  it("on a tie of version and nonce a deletion wins, and two deletions are the same version", () => {
    const live = { id: "a", version: 3, versionNonce: 7, isDeleted: false, text: "x" };
    const deleted = { ...live, isDeleted: true, text: "y" };
    expect(winner(live, deleted)).toBe(deleted);
    expect(winner(deleted, live)).toBe(deleted);
    expect(compareVersions(deleted, tombstoneOf(deleted))).toBe(0);
    expect(mergeKey(tombstoneOf(deleted))).toBe("");
    expect(tombstoneOf(deleted)).toEqual({ id: "a", version: 3, versionNonce: 7, isDeleted: true });
    expect(storedForm(live)).toBe(live);
  });

  it("never lets an older change resurrect a deleted element", () => {
    fc.assert(
      fc.property(element, fc.integer({ min: 1, max: 5 }), (change, older) => {
        const tombstone = { ...change, version: change.version + older, isDeleted: true };
        const merged = mergeInto(sceneOf<El>([tombstone]), [change]);
        expect(merged.scene.get(change.id)?.isDeleted).toBe(true);
        expect(merged.accepted).toEqual([]);
      }),
    );
  });

  it("content keys ignore key order and have a fixed width", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        expect(contentKey(reversed)).toBe(contentKey(value));
        expect(contentKey(value)).toMatch(/^[0-9a-f]{16}$/);
      }),
    );
  });

  it("is commutative, associative and idempotent", () => {
    fc.assert(
      fc.property(scene, scene, scene, (a, b, c) => {
        expect(signature(mergeScenes(a, b))).toBe(signature(mergeScenes(b, a)));
        expect(signature(mergeScenes(mergeScenes(a, b), c))).toBe(signature(mergeScenes(a, mergeScenes(b, c))));
        expect(signature(mergeScenes(a, a))).toBe(signature(a));
        const once = mergeScenes(a, b);
        expect(signature(mergeScenes(once, b))).toBe(signature(once));
      }),
      { numRuns: 300 },
    );
  });

  it("reports accepted and superseded elements, the last accepted per id", () => {
    const old = { id: "a", version: 1, versionNonce: 0, isDeleted: false, text: "x" };
    const newer = { ...old, version: 2 };
    const result = mergeInto(sceneOf<El>([newer]), [old, { ...old, id: "b" }]);
    expect(result.accepted.map((e) => e.id)).toEqual(["b"]);
    expect(result.superseded).toEqual(["a"]);
    expect(liveElements(result.scene).map((e) => e.id).sort()).toEqual(["a", "b"]);
  });
});

// ---- five clients, a server, disconnects and offline queues ----

type Action =
  | { kind: "edit"; client: number; id: string; remove: boolean; nonce: number; text: string }
  | { kind: "toServer"; client: number }
  | { kind: "toClient"; client: number }
  | { kind: "disconnect"; client: number }
  | { kind: "reconnect"; client: number };

const CLIENTS = 5;
const client = fc.integer({ min: 0, max: CLIENTS - 1 });
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant("edit" as const),
    client,
    id: fc.constantFrom(...IDS),
    remove: fc.boolean(),
    // Few nonces and texts: concurrent edits often tie on version and nonce.
    nonce: fc.integer({ min: 0, max: 3 }),
    text: fc.constantFrom("x", "y", "z"),
  }),
  fc.record({ kind: fc.constant("toServer" as const), client }),
  fc.record({ kind: fc.constant("toClient" as const), client }),
  fc.record({ kind: fc.constant("disconnect" as const), client }),
  fc.record({ kind: fc.constant("reconnect" as const), client }),
);

interface SimClient {
  scene: Map<string, El>;
  online: boolean;
  /** Batches sent but not yet received by the server (lost on disconnect, then resent). */
  inFlight: El[][];
  /** Changes made offline. */
  queue: El[];
  /** What the server sent and the client has not processed yet (lost on disconnect). */
  inbox: El[][];
}

function simulate(actions: readonly Action[]) {
  let server = new Map<string, El>();
  const clients: SimClient[] = Array.from({ length: CLIENTS }, () => ({
    scene: new Map(),
    online: true,
    inFlight: [],
    queue: [],
    inbox: [],
  }));

  const toServer = (sender: SimClient) => {
    const batch = sender.inFlight.shift();
    if (!batch) return;
    const result = mergeInto(server, batch);
    server = result.scene;
    // The ack carries the server's copy of what the sender lost; others get the winners.
    const current = result.superseded.flatMap((id) => server.get(id) ?? []);
    if (current.length > 0) sender.inbox.push(current);
    for (const other of clients) if (other !== sender && other.online && result.accepted.length > 0) other.inbox.push(result.accepted);
  };
  const reconnect = (c: SimClient) => {
    if (c.online) return;
    c.online = true;
    c.inbox = [[...server.values()]];
    if (c.queue.length > 0) c.inFlight.push(c.queue.splice(0));
  };

  for (const step of actions) {
    const c = clients[step.client];
    if (!c) continue;
    switch (step.kind) {
      case "edit": {
        const mine = c.scene.get(step.id);
        const next: El = {
          id: step.id,
          version: (mine?.version ?? 0) + 1,
          versionNonce: step.nonce,
          isDeleted: step.remove,
          text: step.text,
        };
        c.scene = mergeInto(c.scene, [next]).scene;
        if (c.online) c.inFlight.push([next]);
        else c.queue.push(next);
        break;
      }
      case "toServer":
        if (c.online) toServer(c);
        break;
      case "toClient": {
        const batch = c.inbox.shift();
        if (batch) c.scene = mergeInto(c.scene, batch).scene;
        break;
      }
      case "disconnect":
        if (!c.online) break;
        c.online = false;
        c.queue.unshift(...c.inFlight.flat());
        c.inFlight = [];
        c.inbox = [];
        break;
      case "reconnect":
        reconnect(c);
        break;
    }
  }
  // Everyone comes back and every message is delivered.
  clients.forEach(reconnect);
  let busy = true;
  while (busy) {
    busy = false;
    for (const c of clients) {
      if (c.inFlight.length > 0) {
        toServer(c);
        busy = true;
      }
      const batch = c.inbox.shift();
      if (batch) {
        c.scene = mergeInto(c.scene, batch).scene;
        busy = true;
      }
    }
  }
  return { server, clients };
}

describe("five clients with disconnects and offline queues", () => {
  it("all converge to the server's scene, whatever the interleaving", () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 120 }), (actions) => {
        const { server, clients } = simulate(actions);
        for (const c of clients) expect(signature(c.scene)).toBe(signature(server));
      }),
      { numRuns: 400 },
    );
  });

  it("every element anyone created reaches the server, offline or not", () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 80 }), (actions) => {
        const { server } = simulate(actions);
        const edits = actions.filter((a): a is Extract<Action, { kind: "edit" }> => a.kind === "edit");
        for (const id of new Set(edits.map((e) => e.id))) expect(server.has(id)).toBe(true);
      }),
    );
  });
});
