import { describe, expect, it } from "vitest";
import { mergeInto, type MergeableElement } from "@piiri/domain/board/merge";
import {
  ChangeTracker,
  applySceneChange,
  orderByIndex,
  type BoardUpdateAckBody,
} from "./changeTracker.ts";

interface El extends MergeableElement {
  text: string;
  index?: string;
}

const el = (
  id: string,
  version: number,
  text = `${id}@${version}`,
  versionNonce = version * 7,
  isDeleted = false,
): El => ({
  id,
  version,
  versionNonce,
  isDeleted,
  text,
});

/** The server's side of board.update, with the domain merge it really uses. */
class FakeServer {
  scene = new Map<string, El>();
  locked = new Set<string>();
  update(batch: El[]): BoardUpdateAckBody<El> {
    const allowed = batch.filter((element) => !this.locked.has(element.id));
    const refused = batch.filter((element) => this.locked.has(element.id));
    const result = mergeInto(this.scene, allowed);
    this.scene = result.scene;
    const current = [
      ...result.superseded.map((id) => this.scene.get(id)),
      ...refused.map((element) => this.scene.get(element.id)),
    ].filter((element): element is El => element !== undefined);
    return {
      accepted: result.accepted.map(({ id, version, versionNonce }) => ({
        id,
        version,
        versionNonce,
      })),
      refused: refused.map((element) => ({ id: element.id, code: "FRAME_LOCKED" })),
      current,
    };
  }
}

/** One browser: its scene (what Excalidraw shows) and its tracker. */
class Client {
  scene: El[] = [];
  tracker = new ChangeTracker<El>();
  edit(element: El) {
    this.scene = applySceneChange(this.scene, { put: [element], remove: [] });
    this.tracker.noteLocal(this.scene);
  }
  flush(server: FakeServer, others: Client[] = []) {
    for (let batch = this.tracker.takeBatch(); batch; batch = this.tracker.takeBatch()) {
      const ack = server.update(batch);
      this.scene = applySceneChange(this.scene, this.tracker.acknowledge(ack));
      const winners = ack.accepted
        .map((ref) => server.scene.get(ref.id))
        .filter((e): e is El => !!e);
      for (const other of others) other.receive(winners);
    }
  }
  receive(elements: El[]) {
    this.scene = applySceneChange(this.scene, this.tracker.applyRemote(elements));
    this.tracker.noteLocal(this.scene);
  }
  rejoin(server: FakeServer) {
    const change = this.tracker.applyScene([...server.scene.values()], false, this.scene);
    this.scene = applySceneChange(this.scene, change);
    this.tracker.noteLocal(this.scene);
  }
  byId() {
    return new Map(this.scene.map((element) => [element.id, element]));
  }
}

describe("ChangeTracker", () => {
  it("sends only what changed, once", () => {
    const tracker = new ChangeTracker<El>();
    expect(tracker.noteLocal([el("a", 1), el("b", 1)])).toHaveLength(2);
    expect(tracker.noteLocal([el("a", 1), el("b", 1)])).toHaveLength(0);
    expect(tracker.noteLocal([el("a", 2), el("b", 1)])).toEqual([el("a", 2)]);
    expect(
      tracker
        .takeBatch()
        ?.map((element) => element.id)
        .sort(),
    ).toEqual(["a", "b"]);
    expect(tracker.takeBatch()).toBeNull(); // one batch in flight at a time
  });

  it("keeps the newest version only", () => {
    const tracker = new ChangeTracker<El>();
    tracker.noteLocal([el("a", 1)]);
    tracker.noteLocal([el("a", 2)]);
    tracker.noteLocal([el("a", 3)]);
    expect(tracker.takeBatch()).toEqual([el("a", 3)]);
  });

  it("keeps changes made offline and sends them on reconnect; acked ones are confirmed", () => {
    const server = new FakeServer();
    const client = new Client();
    client.edit(el("a", 1));
    client.flush(server);
    expect(server.scene.get("a")?.version).toBe(1);

    // Offline: the send fails, the batch goes back; more edits pile up.
    client.edit(el("a", 2));
    client.edit(el("b", 1));
    const lost = client.tracker.takeBatch();
    expect(lost).not.toBeNull();
    client.tracker.requeue();
    client.edit(el("b", 2));
    expect(client.tracker.pendingCount).toBe(2);

    // Back online: the server sends its scene, the client merges and sends what still wins.
    client.rejoin(server);
    client.flush(server);
    expect(server.scene.get("a")?.version).toBe(2);
    expect(server.scene.get("b")?.version).toBe(2);
    expect(client.tracker.pendingCount).toBe(0);
    expect(client.tracker.confirmedElement("b")?.version).toBe(2);
  });

  it("a failed send never overwrites a newer edit made while it was in flight", () => {
    const tracker = new ChangeTracker<El>();
    tracker.noteLocal([el("a", 1)]);
    tracker.takeBatch();
    tracker.noteLocal([el("a", 2)]);
    tracker.requeue();
    expect(tracker.takeBatch()).toEqual([el("a", 2)]);
  });

  it("an older remote version does not replace the one in flight", () => {
    const tracker = new ChangeTracker<El>();
    tracker.noteLocal([el("a", 5)]);
    tracker.takeBatch();
    expect(tracker.applyRemote([el("a", 4)]).put).toEqual([]);
    expect(tracker.applyRemote([el("a", 6)]).put).toEqual([el("a", 6)]);
  });

  it("adopts the server's copy when ours was superseded, and does not echo it back", () => {
    const server = new FakeServer();
    server.scene.set("a", el("a", 9, "theirs"));
    const client = new Client();
    client.edit(el("a", 3, "mine"));
    client.flush(server);
    expect(client.byId().get("a")?.text).toBe("theirs");
    expect(client.tracker.takeBatch()).toBeNull();
  });

  it("drops a refused new element and restores a refused known one", () => {
    const server = new FakeServer();
    const client = new Client();
    client.edit(el("known", 1, "original"));
    client.flush(server);
    server.locked.add("known").add("fresh");
    client.edit(el("known", 2, "edited"));
    client.edit(el("fresh", 1));
    client.flush(server);
    expect(client.byId().get("known")?.text).toBe("original");
    expect(client.byId().has("fresh")).toBe(false);
    expect(client.tracker.pendingCount).toBe(0);
  });

  it("a batch refused whole (board locked) falls back to the server's copies", () => {
    const tracker = new ChangeTracker<El>();
    tracker.applyRemote([el("a", 1, "server")]);
    tracker.noteLocal([el("a", 2, "local"), el("b", 1)]);
    tracker.takeBatch();
    const change = tracker.refuseBatch();
    expect(change.put).toEqual([el("a", 1, "server")]);
    expect(change.remove).toEqual(["b"]);
    expect(tracker.pendingCount).toBe(0);
  });

  it("a reset scene replaces everything local", () => {
    const tracker = new ChangeTracker<El>();
    tracker.noteLocal([el("a", 1), el("b", 1)]);
    const change = tracker.applyScene([el("c", 1)], true, [el("a", 1), el("b", 1)]);
    expect(change.put).toEqual([el("c", 1)]);
    expect(change.remove.sort()).toEqual(["a", "b"]);
    expect(tracker.pendingCount).toBe(0);
  });

  it("splits large change sets into batches the server accepts", () => {
    const tracker = new ChangeTracker<El>();
    tracker.noteLocal(Array.from({ length: 450 }, (_, i) => el(`e${i}`, 1)));
    const sizes: number[] = [];
    for (let batch = tracker.takeBatch(); batch; batch = tracker.takeBatch()) {
      sizes.push(batch.length);
      tracker.acknowledge({
        accepted: batch.map(({ id, version, versionNonce }) => ({ id, version, versionNonce })),
        refused: [],
        current: [],
      });
    }
    expect(sizes).toEqual([200, 200, 50]);
  });

  it("holds back an element too large for the server and reports it", () => {
    const tracker = new ChangeTracker<El>();
    tracker.noteLocal([el("huge", 1, "x".repeat(70_000)), el("small", 1)]);
    expect(tracker.takeBatch()?.map((element) => element.id)).toEqual(["small"]);
    expect(tracker.oversized().map((element) => element.id)).toEqual(["huge"]);
  });

  it("random edits, deletes and reconnects of three clients converge with the server", () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 30; round += 1) {
      const server = new FakeServer();
      const clients = [new Client(), new Client(), new Client()];
      const online = [true, true, true];
      for (let step = 0; step < 120; step += 1) {
        const who = Math.floor(random() * clients.length);
        const client = clients[who] as Client;
        const action = random();
        if (action < 0.1) {
          online[who] = !online[who];
          if (online[who]) client.rejoin(server);
          continue;
        }
        const id = `e${Math.floor(random() * 8)}`;
        const current = client.byId().get(id);
        const version = (current?.version ?? 0) + 1;
        client.edit(el(id, version, `${who}:${step}`, Math.floor(random() * 1000), action < 0.25));
        if (online[who]) {
          client.flush(
            server,
            clients.filter((other, index) => other !== client && online[index]),
          );
        }
      }
      for (const client of clients) {
        client.rejoin(server);
        client.flush(server);
      }
      for (const client of clients) client.rejoin(server);
      const truth = [...server.scene.values()].sort((a, b) => a.id.localeCompare(b.id));
      for (const client of clients) {
        expect([...client.byId().values()].sort((a, b) => a.id.localeCompare(b.id))).toEqual(truth);
        expect(client.tracker.pendingCount).toBe(0);
      }
    }
  });
});

describe("orderByIndex", () => {
  it("orders by fractional index, ties by id", () => {
    const ordered = orderByIndex([
      { ...el("c", 1), index: "a2" },
      { ...el("b", 1), index: "a0" },
      { ...el("a", 1), index: "a2" },
    ]);
    expect(ordered.map((element) => element.id)).toEqual(["b", "a", "c"]);
  });
});
