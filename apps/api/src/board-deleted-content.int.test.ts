// Deleted board content must be gone (issue 9, point 3): a deleted or cleared element reaches
// nobody with its content (joiners, other clients, HTTP, the database), the server takes only
// Piiri's element types and customData, and no snapshot names an author in an anonymous frame.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  BoardElement,
  BoardSceneResponse,
  BoardSnapshotDetail,
  BoardSnapshotSummary,
  PreviousStepsResponse,
} from "@piiri/protocol/board";
import { contentKey } from "@piiri/domain/board/merge";
import { upsertElements } from "@piiri/db/repositories/board";
import { BoardClient, edited, note } from "./testing/board.ts";
import { startTestPiiri, type TestPerson } from "./testing/harness.ts";
import { acceptAsNewcomer, invite, setLobby, supervisorWithGroup } from "./testing/scenario.ts";
import type { RunningPiiri } from "./server.ts";

let piiri: RunningPiiri;
beforeAll(async () => {
  piiri = await startTestPiiri();
});
afterAll(async () => {
  await piiri.close();
});

const TOMBSTONE_KEYS = ["id", "isDeleted", "version", "versionNonce"];
const SECRET = /salaisuus/i;
const AUTHOR = /aino-id|authorId|authorName|createdBy/i;

async function groupOfThree() {
  const { supervisor, group, sessionId } = await supervisorWithGroup(piiri, "Ulla Ohjaaja");
  await setLobby(supervisor, group.id, false);
  const { token } = await invite(supervisor, group.id, { maxUses: 2 });
  const aino = await acceptAsNewcomer(piiri, token, "Aino");
  const eero = await acceptAsNewcomer(piiri, token, "Eero");
  const clients = [supervisor, aino, eero].map((person) => new BoardClient(person, sessionId));
  for (const client of clients) expect(await client.join()).toEqual({ ok: true });
  const [sup, ainoClient, eeroClient] = clients as [BoardClient, BoardClient, BoardClient];
  return { supervisor, aino, group, sessionId, sup, ainoClient, eeroClient, clients };
}

async function getJson<T>(person: TestPerson, path: string): Promise<T> {
  const response = await person.fetch(`${person.base}/api${path}`);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

/** Writes elements straight to the database, as a server before issue 9 kept them. */
async function storeAsBefore(groupId: string, elements: BoardElement[]): Promise<void> {
  await upsertElements(
    piiri.deps.prisma,
    elements.map((element) => ({
      groupId,
      element,
      contentKey: contentKey(element),
      bytes: JSON.stringify(element).length,
    })),
  );
}

function expectBareTombstones(elements: readonly BoardElement[], where: string): void {
  const deleted = elements.filter((element) => element.isDeleted);
  expect(deleted.length, `tombstones in ${where}`).toBeGreaterThan(0);
  for (const element of deleted) expect(Object.keys(element).sort(), where).toEqual(TOMBSTONE_KEYS);
}

async function storedRows(groupId: string): Promise<string> {
  const rows = await piiri.deps.prisma.$queryRawUnsafe<{ row: string }[]>(
    `SELECT row_to_json(e)::text AS row FROM "BoardElement" e WHERE "groupId" = $1`,
    groupId,
  );
  return rows.map((row) => row.row).join("\n");
}

function frame(id: string, kind: string): BoardElement {
  return {
    ...note(id),
    type: "frame",
    name: id,
    customData: { piiri: "exerciseFrame", kind },
  };
}

// Several real clients, sign-ups and database writes per test: generous on a loaded machine.
describe("deleted board content", { timeout: 90_000 }, () => {
  it("a deleted or cleared element's content reaches no joiner, client, HTTP reader or database row", async () => {
    const { supervisor, group, sessionId, sup, ainoClient, eeroClient, clients } =
      await groupOfThree();
    const mine = note("secret1", { text: "Poistettava salaisuus", customData: { piiri: "note" } });
    expect((await ainoClient.change([mine]))?.ok).toBe(true);
    await eeroClient.until(() => eeroClient.scene.has("secret1"), "the note");
    const fromHere = eeroClient.events.length;

    // Aino deletes her note (Excalidraw sends the whole element, content and all).
    const deletion = edited(mine, { isDeleted: true });
    expect(deletion.text).toBe("Poistettava salaisuus");
    const deleted = await ainoClient.change([deletion]);
    expect(deleted).toMatchObject({ ok: true, accepted: [{ id: "secret1" }] });
    await eeroClient.until(() => eeroClient.scene.get("secret1")?.isDeleted === true, "deletion");
    const delivered = eeroClient.events
      .slice(fromHere)
      .flatMap((event) => (event.type === "board.elements" ? event.elements : []));
    expectBareTombstones(delivered, "the board.elements others received");

    expect(JSON.stringify(delivered)).not.toMatch(SECRET);

    // The supervisor clears the board with another secret on it.
    expect((await sup.change([note("secret2", { text: "Tyhjennettävä salaisuus" })]))?.ok).toBe(
      true,
    );
    await eeroClient.until(() => eeroClient.scene.has("secret2"), "the second note");
    const beforeClear = eeroClient.events.length;
    expect(await sup.request({ type: "board.clear" })).toEqual({ ok: true, cleared: 1 });
    await eeroClient.until(() => eeroClient.scene.get("secret2")?.isDeleted === true, "clear");
    const cleared = eeroClient.events
      .slice(beforeClear)
      .flatMap((event) => (event.type === "board.elements" ? event.elements : []));
    expectBareTombstones(cleared, "the clear's board.elements");
    expect(JSON.stringify(cleared)).not.toMatch(SECRET);

    // An old change loses to the deletion; the copy it gets back is the bare tombstone.
    const old = await eeroClient.change([{ ...mine, text: "vanha salaisuus" }]);
    expect(old).toMatchObject({ ok: true, accepted: [] });
    if (old?.ok) expectBareTombstones(old.current, "the ack's current");

    // A joiner's scene, the HTTP board and the database hold no content of either.
    const late = new BoardClient(supervisor, sessionId);
    await late.join();
    await late.until(() => late.eventsOf("board.scene").length > 0, "the scene");
    const scene = late.eventsOf("board.scene")[0];
    expectBareTombstones(scene?.elements ?? [], "board.scene");
    expect(JSON.stringify(scene)).not.toMatch(SECRET);
    const http = await getJson<BoardSceneResponse>(supervisor, `/groups/${group.id}/board`);
    expectBareTombstones(http.elements, "GET board");
    expect(JSON.stringify(http)).not.toMatch(SECRET);
    expect(await storedRows(group.id)).not.toMatch(SECRET);

    // A bare tombstone is a change the server takes as it is.
    expect(
      await sup.change([{ id: "never", version: 3, versionNonce: 5, isDeleted: true }]),
    ).toMatchObject({ ok: true, accepted: [{ id: "never" }] });
    late.disconnect();
    clients.forEach((client) => client.disconnect());
  });

  it("strips a deletion stored with its content when it loads it", async () => {
    const { supervisor, group, sessionId, clients } = await groupOfThree();
    await storeAsBefore(group.id, [
      { ...note("legacy", { text: "Vanha salaisuus", version: 4 }), isDeleted: true },
    ]);
    const http = await getJson<BoardSceneResponse>(supervisor, `/groups/${group.id}/board`);
    expect(http.elements).toEqual([
      { id: "legacy", version: 4, versionNonce: expect.any(Number) as number, isDeleted: true },
    ]);
    const late = new BoardClient(supervisor, sessionId);
    await late.join();
    await late.until(() => late.eventsOf("board.scene").length > 0, "the scene");
    expect(JSON.stringify(late.eventsOf("board.scene"))).not.toMatch(SECRET);
    late.disconnect();
    clients.forEach((client) => client.disconnect());
  });
});

// Several real clients, sign-ups and database writes per test: generous on a loaded machine.
describe("what the board accepts", { timeout: 90_000 }, () => {
  it("refuses element types and customData Piiri does not write with BOARD_ELEMENT_NOT_ALLOWED, writing nothing of the batch", async () => {
    const { supervisor, group, sup, ainoClient, clients } = await groupOfThree();
    const fine = note("fine", { customData: { piiri: "note" } });
    const refused: BoardElement[] = [
      { ...note("embed"), type: "embeddable", link: "https://example.com" },
      { ...note("frame1"), type: "iframe", link: "https://example.com" },
      { ...note("magic"), type: "magicframe" },
      { id: "typeless", version: 1, versionNonce: 1, isDeleted: false },
      note("authored", { customData: { piiri: "note", authorId: "aino-id" } }),
      note("free", { customData: { anything: "goes" } }),
      note("kind", { customData: { piiri: "exerciseFrame", kind: "séance" } }),
    ];
    for (const element of refused) {
      for (const client of [sup, ainoClient]) {
        const ack = await client.change([fine, element]);
        expect(ack, element.id).toMatchObject({ ok: false, code: "BOARD_ELEMENT_NOT_ALLOWED" });
        if (ack && !ack.ok) expect(ack.message).toContain(element.id);
      }
    }
    // A template with a foreign frame is refused too, and leaves no frame record.
    expect(
      await sup.request({
        type: "board.template.insert",
        frameId: "tpl",
        kind: "miracle",
        elements: [{ ...frame("tpl", "miracle"), customData: { piiri: "exerciseFrame" } }],
      }),
    ).toMatchObject({ ok: false, code: "BOARD_ELEMENT_NOT_ALLOWED" });
    const empty = await getJson<BoardSceneResponse>(supervisor, `/groups/${group.id}/board`);
    expect(empty.elements).toEqual([]);
    expect(empty.state.frames).toEqual([]);

    // Everything Piiri's board makes is taken.
    const accepted: BoardElement[] = [
      fine,
      ...["rectangle", "diamond", "ellipse", "text", "freedraw"].map((type) => ({
        ...note(`t-${type}`),
        type,
      })),
      {
        ...note("arrow1"),
        type: "arrow",
        points: [
          [0, 0],
          [10, 10],
        ],
      },
      { ...note("line1"), type: "line", customData: { piiri: "scalingLine" } },
      { ...note("img1"), type: "image", fileId: "a".repeat(40), status: "saved" },
      note("card", { customData: { piiri: "nextStepCard", person: "Aino" } }),
      { ...note("gone"), isDeleted: true, type: "embeddable" },
    ];
    const ack = await ainoClient.change(accepted);
    expect(ack).toMatchObject({ ok: true });
    if (ack?.ok) expect(ack.accepted).toHaveLength(accepted.length);
    expect(
      await sup.request({
        type: "board.template.insert",
        frameId: "tpl",
        kind: "miracle",
        elements: [frame("tpl", "miracle")],
      }),
    ).toMatchObject({ ok: true });
    clients.forEach((client) => client.disconnect());
  });
});

// Several real clients, sign-ups and database writes per test: generous on a loaded machine.
describe("snapshots and anonymous frames", { timeout: 90_000 }, () => {
  it("a snapshot saved before a frame turned anonymous loses its authors, in the database and when read", async () => {
    const { supervisor, aino, group, sessionId, sup, clients } = await groupOfThree();
    for (const [frameId, kind] of [
      ["mir", "miracle"],
      ["steps", "nextStep"],
    ] as const) {
      expect(
        await sup.request({
          type: "board.template.insert",
          frameId,
          kind,
          elements: [frame(frameId, kind)],
        }),
      ).toMatchObject({ ok: true });
    }
    // Notes as a server before issue 9 kept them (it took any customData).
    const authored = { authorId: "aino-id", authorName: "Aino" };
    await storeAsBefore(group.id, [
      note("inMir", { frameId: "mir", customData: { piiri: "note", ...authored } }),
      note("card", {
        frameId: "steps",
        text: "Soitan asiakkaalle",
        customData: { piiri: "nextStepCard", person: "Aino", ...authored },
      }),
      note("outside", { customData: { piiri: "note", ...authored } }),
    ]);
    const saved = await supervisor.fetch(`${piiri.url}/api/sessions/${sessionId}/board/snapshots`, {
      method: "POST",
    });
    expect(saved.status).toBe(201);
    const { snapshot } = (await saved.json()) as { snapshot: BoardSnapshotSummary };
    const path = `/groups/${group.id}/board/snapshots/${snapshot.id}`;
    // Before anonymity the snapshot names the author (the board does too): that is allowed.
    expect(JSON.stringify(await getJson(aino, path))).toMatch(AUTHOR);

    for (const frameId of ["mir", "steps"]) {
      expect(
        await sup.request({ type: "board.frame.set", frameId, anonymous: true }),
      ).toMatchObject({ ok: true });
    }
    const row = await piiri.deps.prisma.boardSnapshot.findUniqueOrThrow({
      where: { id: snapshot.id },
    });
    const stored = row.elements as BoardElement[];
    expect(JSON.stringify(stored.filter((e) => e.id !== "outside"))).not.toMatch(AUTHOR);
    // Outside any anonymous frame nothing changes.
    expect(stored.find((e) => e.id === "outside")?.customData).toEqual({
      piiri: "note",
      ...authored,
    });
    expect(stored.find((e) => e.id === "card")?.customData).toEqual({
      piiri: "nextStepCard",
      person: "Aino",
    });
    const opened = await getJson<{ snapshot: BoardSnapshotDetail }>(aino, path);
    expect(opened.snapshot.elements.map((e) => e.id).sort()).toEqual(
      ["card", "inMir", "mir", "outside", "steps"].sort(),
    );
    expect(JSON.stringify(opened.snapshot.elements.filter((e) => e.id !== "outside"))).not.toMatch(
      AUTHOR,
    );

    // A snapshot that still names them (saved by a node while the frame was being switched) is
    // stripped when read: the snapshot and the next session's small steps alike.
    const missed = await piiri.deps.prisma.boardSnapshot.create({
      data: {
        groupId: group.id,
        sessionId,
        reason: "manual",
        elementCount: 1,
        elements: [
          note("card", {
            frameId: "steps",
            text: "Soitan asiakkaalle",
            customData: { piiri: "nextStepCard", person: "Aino", ...authored },
          }) as object,
        ],
        frames: [
          { frameId: "steps", kind: "nextStep", sessionId, locked: false, anonymous: false },
        ],
      },
    });
    const read = await getJson<{ snapshot: BoardSnapshotDetail }>(
      aino,
      `/groups/${group.id}/board/snapshots/${missed.id}`,
    );
    expect(JSON.stringify(read)).not.toMatch(AUTHOR);
    const first = await piiri.deps.prisma.session.findUniqueOrThrow({ where: { id: sessionId } });
    const next = await supervisor.api.groups[":groupId"].sessions.$post({
      param: { groupId: group.id },
      json: {
        startsAt: new Date(first.startsAt.getTime() + 28 * 24 * 3600_000).toISOString(),
        durationMinutes: 90,
      },
    });
    expect(next.status).toBe(201);
    const { session } = (await next.json()) as { session: { id: string } };
    // The supervisor opens the next session; from then on its participants are in it.
    const opener = new BoardClient(supervisor, session.id);
    expect(await opener.join()).toEqual({ ok: true });
    const steps = await getJson<PreviousStepsResponse>(
      aino,
      `/sessions/${session.id}/board/previous-steps`,
    );
    expect(steps.cards.map((card) => card.id)).toEqual(["card"]);
    expect(JSON.stringify(steps)).not.toMatch(AUTHOR);
    opener.disconnect();
    clients.forEach((client) => client.disconnect());
  });
});
