import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@piiri/db/testing";
import type { Database } from "@piiri/db/client";
import type { BoardElement, BoardSceneResponse } from "@piiri/protocol/board";
import { MAX_ELEMENT_BYTES } from "@piiri/domain/board/limits";
import { BoardClient, edited, note, sceneSignature } from "./testing/board.ts";
import { connected, startTestPiiri, testClock, TestPerson } from "./testing/harness.ts";
import { request } from "./testing/realtime.ts";
import {
  setLobby,
  acceptAsNewcomer,
  invite,
  supervisorWithGroup,
  uniqueEmail,
} from "./testing/scenario.ts";
import type { RunningPiiri } from "./server.ts";

let piiri: RunningPiiri;
beforeAll(async () => {
  piiri = await startTestPiiri();
});
afterAll(async () => {
  await piiri.close();
});

async function groupOfThree(server: RunningPiiri = piiri) {
  const { supervisor, group, sessionId } = await supervisorWithGroup(server, "Ulla Ohjaaja");
  // The lobby has its own tests (live.int.test.ts); here everyone walks straight in.
  await setLobby(supervisor, group.id, false);
  const { token } = await invite(supervisor, group.id, { maxUses: 2 });
  const aino = await acceptAsNewcomer(server, token, "Aino");
  const eero = await acceptAsNewcomer(server, token, "Eero");
  return { supervisor, aino, eero, group, sessionId };
}

async function persistedScene(person: TestPerson, groupId: string): Promise<BoardSceneResponse> {
  const response = await person.fetch(`${person.base}/api/groups/${groupId}/board`);
  expect(response.status).toBe(200);
  return (await response.json()) as BoardSceneResponse;
}

async function converged(
  clients: BoardClient[],
  person: TestPerson,
  groupId: string,
): Promise<string> {
  const expected = sceneSignature((await persistedScene(person, groupId)).elements);
  for (const client of clients) {
    await client.until(
      () => sceneSignature(client.scene.values()) === expected,
      "the persisted scene",
    );
  }
  return expected;
}

// Several real clients, sign-ups and database writes per test: generous on a loaded machine.
describe("board sync", { timeout: 90_000 }, () => {
  it("merges concurrent edits from everyone into one persisted scene that every client ends with", async () => {
    const { supervisor, aino, eero, group, sessionId } = await groupOfThree();
    const clients = [supervisor, aino, eero].map((person) => new BoardClient(person, sessionId));
    for (const client of clients) expect(await client.join()).toEqual({ ok: true });

    const base = Array.from({ length: 6 }, (_, i) => note(`shared${i}`));
    expect((await clients[0]?.change(base))?.ok).toBe(true);
    await converged(clients, supervisor, group.id);

    // Everyone edits the same elements at once, several rounds, some deleting.
    for (let round = 0; round < 4; round += 1) {
      await Promise.all(
        clients.map((client, who) =>
          client.change(
            base.map((element, i) => {
              // A deleted element is a bare tombstone: bringing it back brings content with it.
              const mine = { ...element, ...client.scene.get(element.id) };
              return edited(mine, {
                text: `r${round} by ${who}`,
                isDeleted: (i + who + round) % 5 === 0,
              });
            }),
          ),
        ),
      );
    }
    const signature = await converged(clients, supervisor, group.id);
    expect(signature.split(" ")).toHaveLength(6);
    // Texts agree too, not only versions (a deleted element has none left to compare).
    const texts = clients.map((client) =>
      [...client.scene.values()]
        .filter((e) => !e.isDeleted)
        .map((e) => `${e.id}:${String(e.text)}`)
        .sort(),
    );
    expect(texts[1]).toEqual(texts[0]);
    expect(texts[2]).toEqual(texts[0]);
    clients.forEach((client) => client.disconnect());
  });

  it("sends a reconnecting client's offline changes, and an old change never resurrects a deletion", async () => {
    const { supervisor, aino, group, sessionId } = await groupOfThree();
    const sup = new BoardClient(supervisor, sessionId);
    const ainoClient = new BoardClient(aino, sessionId);
    await sup.join();
    await ainoClient.join();
    const card = note("card1");
    const other = note("card2");
    await sup.change([card, other]);
    await converged([sup, ainoClient], supervisor, group.id);

    ainoClient.disconnect();
    // While Aino is away the supervisor deletes card1 (version 3) and edits card2.
    const deleted = edited(edited(card), { isDeleted: true });
    await sup.change([deleted, edited(other, { text: "edited by supervisor" })]);
    // Aino edits card1 offline (version 2: older than the deletion) and adds a new note.
    await ainoClient.change([edited(card, { text: "offline edit" }), note("offline3")]);

    const ack = await ainoClient.reconnect();
    expect(ack?.ok).toBe(true);
    if (!ack?.ok) return;
    expect(ack.accepted.map((ref) => ref.id)).toEqual(["offline3"]);
    expect(ack.current.find((element) => element.id === "card1")?.isDeleted).toBe(true);

    await converged([sup, ainoClient], supervisor, group.id);
    const scene = await persistedScene(supervisor, group.id);
    expect(scene.elements.find((element) => element.id === "card1")?.isDeleted).toBe(true);
    expect(scene.elements.find((element) => element.id === "offline3")?.isDeleted).toBe(false);
    expect(sup.scene.get("offline3")).toBeDefined();
    sup.disconnect();
    ainoClient.disconnect();
  });

  it("a late joiner receives the whole scene, tombstones included", async () => {
    const { supervisor, eero, sessionId } = await groupOfThree();
    const sup = new BoardClient(supervisor, sessionId);
    await sup.join();
    const gone = note("gone");
    await sup.change([note("kept"), gone]);
    await sup.change([edited(gone, { isDeleted: true })]);
    const late = new BoardClient(eero, sessionId);
    await late.join();
    await late.until(() => late.scene.size === 2, "the scene");
    expect(late.scene.get("gone")?.isDeleted).toBe(true);
    expect(late.scene.get("kept")?.isDeleted).toBe(false);
    sup.disconnect();
    late.disconnect();
  });

  it("refuses a non-member and a member of another group: they get nothing and change nothing", async () => {
    const { supervisor, group, sessionId } = await groupOfThree();
    const sup = new BoardClient(supervisor, sessionId);
    await sup.join();
    await sup.change([note("secret", { text: "luottamuksellinen" })]);

    const other = await supervisorWithGroup(piiri, "Toinen Ohjaaja");
    const outsider = new TestPerson(piiri.url);
    await outsider.signUp("Ulkopuolinen", uniqueEmail("outsider"));
    for (const person of [outsider, other.supervisor]) {
      const intruder = new BoardClient(person, sessionId);
      expect(await intruder.join()).toMatchObject({ ok: false, code: "NOT_A_MEMBER" });
      expect(await intruder.change([note("intruder")])).toMatchObject({
        ok: false,
        code: "NOT_A_MEMBER",
      });
      expect(await intruder.request({ type: "board.pointer", x: 1, y: 2 })).toMatchObject({
        ok: false,
      });
      expect(
        await intruder.request({ type: "board.scale.set", exerciseId: "x", value: 3 }),
      ).toMatchObject({ ok: false });
      const response = await person.fetch(`${piiri.url}/api/groups/${group.id}/board`);
      expect(response.status).toBe(403);
      const snapshots = await person.fetch(`${piiri.url}/api/groups/${group.id}/board/snapshots`);
      expect(snapshots.status).toBe(403);
      await sup.change([edited(sup.scene.get("secret") ?? note("secret"))]);
      expect(intruder.events.filter((event) => event.type.startsWith("board."))).toEqual([]);
      intruder.disconnect();
    }
    const scene = await persistedScene(supervisor, group.id);
    expect(scene.elements.map((element) => element.id)).toEqual(["secret"]);
    sup.disconnect();
  });

  it("refuses oversized and invalid messages with a typed error and writes nothing", async () => {
    const { supervisor, group, sessionId } = await groupOfThree();
    const sup = new BoardClient(supervisor, sessionId);
    await sup.join();
    const huge = { ...note("huge"), points: "x".repeat(MAX_ELEMENT_BYTES) };
    expect(await sup.change([note("fine"), huge])).toMatchObject({
      ok: false,
      code: "PAYLOAD_TOO_LARGE",
    });

    const invalid: unknown[] = [
      [{ ...note("noversion"), version: undefined }],
      [{ ...note("float"), version: 1.5 }],
      [{ ...note("bad id!") }],
      [{ ...note("deleted"), isDeleted: "yes" }],
      [],
    ];
    for (const elements of invalid) {
      expect(
        await request(sup.socket, { type: "board.update", sessionId, elements }),
      ).toMatchObject({
        ok: false,
        code: "INVALID_MESSAGE",
      });
    }
    const svg = {
      id: "img1",
      mimeType: "image/svg+xml",
      dataURL: "data:image/svg+xml;base64,PHN2Zz4=",
    };
    expect(await sup.request({ type: "board.file.add", file: svg })).toMatchObject({
      ok: false,
      code: "INVALID_MESSAGE",
    });
    const bigImage = {
      id: "img2",
      mimeType: "image/png",
      dataURL: `data:image/png;base64,${"A".repeat(2 * 1024 * 1024)}`,
    };
    expect(await sup.request({ type: "board.file.add", file: bigImage })).toMatchObject({
      ok: false,
      code: "PAYLOAD_TOO_LARGE",
    });
    const scene = await persistedScene(supervisor, group.id);
    expect(scene.elements).toEqual([]);
    expect(scene.files).toEqual([]);

    // A small image is kept and reaches the scene.
    const image = {
      id: "img3",
      mimeType: "image/png",
      dataURL: "data:image/png;base64,iVBORw0KGgo=",
    };
    expect(await sup.request({ type: "board.file.add", file: image })).toEqual({ ok: true });
    expect((await persistedScene(supervisor, group.id)).files).toEqual([image]);
    sup.disconnect();
  });

  it("throttles a client that sends too fast without slowing another session", async () => {
    const first = await groupOfThree();
    const second = await groupOfThree();
    const flooder = new BoardClient(first.aino, first.sessionId);
    const calm = new BoardClient(second.aino, second.sessionId);
    await flooder.join();
    await calm.join();
    const floodAcks = Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        request(flooder.socket, {
          type: "board.update",
          sessionId: first.sessionId,
          elements: [note(`f${i}`)],
        }),
      ),
    );
    const calmAcks: unknown[] = [];
    for (let i = 0; i < 5; i += 1) calmAcks.push(await calm.change([note(`c${i}`)]));
    const acks = await floodAcks;
    expect(acks.some((ack) => !ack.ok && ack.code === "RATE_LIMITED")).toBe(true);
    expect(acks.some((ack) => ack.ok)).toBe(true);
    expect(calmAcks.every((ack) => (ack as { ok: boolean }).ok)).toBe(true);
    // What was refused was not written; what was acked was.
    const stored = (await persistedScene(first.supervisor, first.group.id)).elements.map(
      (element) => element.id,
    );
    expect(stored).toHaveLength(acks.filter((ack) => ack.ok).length);
    flooder.disconnect();
    calm.disconnect();
  });

  it("forwards live cursors with the sender's name, throttled, and stores nothing", async () => {
    const { supervisor, aino, group, sessionId } = await groupOfThree();
    const sup = new BoardClient(supervisor, sessionId);
    const ainoClient = new BoardClient(aino, sessionId);
    await sup.join();
    await ainoClient.join();
    expect(await ainoClient.request({ type: "board.pointer", x: 5, y: 6 })).toEqual({
      ok: true,
      dropped: false,
    });
    await sup.until(() => sup.eventsOf("board.pointer").length === 1, "a pointer");
    expect(sup.eventsOf("board.pointer")[0]).toMatchObject({
      pointer: { kind: "named", displayName: "Aino" },
      x: 5,
      y: 6,
    });
    expect(ainoClient.eventsOf("board.pointer")).toEqual([]);
    expect((await persistedScene(supervisor, group.id)).elements).toEqual([]);
    sup.disconnect();
    ainoClient.disconnect();
  });
});

// Several real clients, sign-ups and database writes per test: generous on a loaded machine.
describe("board across an API restart", { timeout: 90_000 }, () => {
  it("keeps every acknowledged element: after a restart on the same database everyone has the same scene", async () => {
    const database = await createTestDatabase();
    // The first Piiri must not close the database it shares with the second one.
    const kept: Database = {
      kind: database.kind,
      prisma: database.prisma,
      exec: (sql) => database.exec(sql),
      query: (sql, params) => database.query(sql, params),
      transaction: (fn) => database.transaction(fn),
      close: async () => {},
    };
    const first = await startTestPiiri(testClock(), { database: kept });
    const { supervisor, aino, eero, group, sessionId } = await groupOfThree(first);
    const clients = [supervisor, aino, eero].map((person) => new BoardClient(person, sessionId));
    for (const client of clients) await client.join();
    const acked: BoardElement[] = [];
    await Promise.all(
      clients.map(async (client, who) => {
        for (let i = 0; i < 5; i += 1) {
          const element = note(`p${who}e${i}`);
          const ack = await client.change([element]);
          if (ack?.ok) acked.push(...ack.accepted.map(() => element));
        }
      }),
    );
    expect(acked).toHaveLength(15);
    // Eero goes offline before the restart and keeps editing.
    clients[2]?.disconnect();
    await clients[2]?.change([
      edited(acked.find((element) => element.id === "p0e0") ?? note("p0e0"), {
        text: "eero offline",
      }),
    ]);
    clients.slice(0, 2).forEach((client) => client.disconnect());
    await first.close();

    const second = await startTestPiiri(testClock(), { database });
    try {
      const people = [supervisor, aino, eero].map((person) => {
        const moved = new TestPerson(second.url);
        moved.adoptCookies(person);
        return moved;
      });
      for (const [index, client] of clients.entries()) {
        const person = people[index];
        if (person) await client.reconnect(person);
      }
      const socket = people[0]?.socket();
      if (socket) await connected(socket);
      const signature = await converged(clients, people[0] ?? supervisor, group.id);
      for (const element of acked) expect(signature).toContain(`${element.id}@`);
      expect(clients[0]?.scene.get("p0e0")?.text).toBe("eero offline");
      clients.forEach((client) => client.disconnect());
      people.forEach((person) => person.closeSockets());
    } finally {
      await second.close();
    }
  });
});
