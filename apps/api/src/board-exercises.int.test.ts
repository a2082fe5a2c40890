import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  BoardElement,
  BoardSceneResponse,
  BoardSnapshotDetail,
  BoardSnapshotSummary,
  PreviousStepsResponse,
  ScaleHistoryResponse,
} from "@piiri/protocol/board";
import { contentKey } from "@piiri/domain/board/merge";
import { upsertElements } from "@piiri/db/repositories/board";
import { BoardClient, edited, note } from "./testing/board.ts";
import type { TestPerson } from "./testing/harness.ts";
import { setLobby, acceptAsNewcomer, invite, supervisorWithGroup } from "./testing/scenario.ts";
import type { RunningPiiri } from "./server.ts";
import { daysFromNow } from "./testing/dates.ts";
import { startTestPiiri } from "./testing/harness.ts";

let piiri: RunningPiiri;
beforeAll(async () => {
  piiri = await startTestPiiri();
});
afterAll(async () => {
  await piiri.close();
});

async function groupOfThree() {
  const { supervisor, group, sessionId } = await supervisorWithGroup(piiri, "Ulla Ohjaaja");
  // The lobby has its own tests (live.int.test.ts); here everyone walks straight in.
  await setLobby(supervisor, group.id, false);
  const { token } = await invite(supervisor, group.id, { maxUses: 2 });
  const aino = await acceptAsNewcomer(piiri, token, "Aino");
  const eero = await acceptAsNewcomer(piiri, token, "Eero");
  const clients = [supervisor, aino, eero].map((person) => new BoardClient(person, sessionId));
  for (const client of clients) expect(await client.join()).toEqual({ ok: true });
  const [sup, ainoClient, eeroClient] = clients as [BoardClient, BoardClient, BoardClient];
  return { supervisor, aino, eero, group, sessionId, sup, ainoClient, eeroClient, clients };
}

/** Writes elements straight to the database, as a server before issue 9 would have kept them. */
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

async function getJson<T>(person: TestPerson, path: string, status = 200): Promise<T> {
  const response = await person.fetch(`${person.base}/api${path}`);
  expect(response.status).toBe(status);
  return (await response.json()) as T;
}

function frame(id: string): BoardElement {
  return { ...note(id), type: "frame", name: id };
}

async function insertTemplate(
  sup: BoardClient,
  kind: string,
  frameId: string,
  children: BoardElement[] = [],
) {
  const ack = await sup.request({
    type: "board.template.insert",
    frameId,
    kind,
    elements: [frame(frameId), ...children],
  });
  expect(ack.ok).toBe(true);
  await sup.until(
    () =>
      sup.eventsOf("board.state").some((e) => e.state.frames.some((f) => f.frameId === frameId)),
    "the frame",
  );
}

// Several real clients, sign-ups and database writes per test: generous on a loaded machine.
describe("board roles and locks", { timeout: 90_000 }, () => {
  it("only the supervisor inserts templates, locks the board or frames, reveals and clears", async () => {
    const { ainoClient, clients } = await groupOfThree();
    for (const message of [
      { type: "board.template.insert", frameId: "f1", kind: "miracle", elements: [frame("f1")] },
      { type: "board.lock", locked: true },
      { type: "board.frame.set", frameId: "f1", locked: true },
      { type: "board.clear" },
      { type: "board.scale.reveal", exerciseId: "f1" },
    ]) {
      expect(await ainoClient.request(message)).toMatchObject({
        ok: false,
        code: "NOT_SUPERVISOR",
      });
    }
    clients.forEach((client) => client.disconnect());
  });

  it("a locked board refuses participants' changes and a locked frame refuses changes to its elements", async () => {
    const { sup, ainoClient, supervisor, group, clients } = await groupOfThree();
    await insertTemplate(sup, "exceptions", "exc", [note("inside", { frameId: "exc" })]);
    await ainoClient.until(() => ainoClient.scene.has("inside"), "the template");
    const outside = note("outside");
    expect((await ainoClient.change([outside]))?.ok).toBe(true);

    expect(await sup.request({ type: "board.lock", locked: true })).toEqual({ ok: true });
    await ainoClient.until(
      () => ainoClient.eventsOf("board.state").at(-1)?.state.locked === true,
      "the lock",
    );
    expect(await ainoClient.change([edited(outside, { text: "while locked" })])).toMatchObject({
      ok: false,
      code: "BOARD_LOCKED",
    });
    // The supervisor still can.
    expect((await sup.change([note("bySupervisor")]))?.ok).toBe(true);
    expect(await sup.request({ type: "board.lock", locked: false })).toEqual({ ok: true });

    expect(
      await sup.request({ type: "board.frame.set", frameId: "exc", locked: true }),
    ).toMatchObject({ ok: true });
    const inside = ainoClient.scene.get("inside") ?? note("inside");
    const ack = await ainoClient.change([
      edited(inside, { text: "changed" }),
      edited(outside, { frameId: "exc" }), // moving an element into the locked frame
      edited(outside, { text: "fine" }),
    ]);
    expect(ack).toMatchObject({ ok: true });
    if (!ack?.ok) return;
    expect(ack.refused.map((r) => `${r.id}:${r.code}`).sort()).toEqual([
      "inside:FRAME_LOCKED",
      "outside:FRAME_LOCKED",
    ]);
    expect(ack.current.find((element) => element.id === "inside")?.text).toBe("note inside");

    const scene = await getJson<BoardSceneResponse>(supervisor, `/groups/${group.id}/board`);
    expect(scene.elements.find((element) => element.id === "inside")?.text).toBe("note inside");
    expect(scene.elements.find((element) => element.id === "outside")?.frameId).toBeNull();
    expect(scene.state.frames).toEqual([
      {
        frameId: "exc",
        kind: "exceptions",
        sessionId: sup.sessionId,
        locked: true,
        anonymous: false,
      },
    ]);
    clients.forEach((client) => client.disconnect());
  });
});

// Several real clients, sign-ups and database writes per test: generous on a loaded machine.
describe("anonymous notes", { timeout: 90_000 }, () => {
  it("leave no author in events, acks, API responses, snapshots or database rows", async () => {
    const { sup, ainoClient, eeroClient, supervisor, group, sessionId, clients } =
      await groupOfThree();
    await insertTemplate(sup, "miracle", "mir");
    // A note written before anonymity is switched on loses its author when it is. The server
    // takes no author keys any more (see "refuses element types and customData…"), so this one
    // is stored as an older server stored it.
    const early = note("early", {
      frameId: "mir",
      customData: { authorId: "aino-id", authorName: "Aino", color: "y" },
    });
    await storeAsBefore(group.id, [early]);
    expect(
      await sup.request({ type: "board.frame.set", frameId: "mir", anonymous: true }),
    ).toMatchObject({ ok: true });
    await eeroClient.until(() => eeroClient.scene.get("early")?.version === 2, "the stripped note");
    // From here on (anonymity on) nothing may name the author.
    const fromEero = eeroClient.events.length - 1;
    const fromSup = sup.events.length - 1;

    const authored = note("anon1", {
      frameId: "mir",
      text: "Pelkään, etten riitä",
      customData: {
        authorId: "aino-id",
        authorName: "Aino",
        AuthorColor: "#f00",
        createdBy: "x",
        color: "y",
      },
    });
    expect(await ainoClient.change([authored])).toMatchObject({
      ok: false,
      code: "BOARD_ELEMENT_NOT_ALLOWED",
    });
    const secret = { ...edited(authored), customData: { piiri: "note" } };
    const ack = await ainoClient.change([secret]);
    expect(ack?.ok).toBe(true);
    await eeroClient.until(() => eeroClient.scene.has("anon1"), "the anonymous note");

    const authorPattern = /aino-id|"Aino"|author|createdBy/i;
    const received = [...eeroClient.events.slice(fromEero), ...sup.events.slice(fromSup)].filter(
      (e) => e.type === "board.elements",
    );
    expect(received.length).toBeGreaterThan(1);
    for (const event of received) {
      expect(JSON.stringify(event)).not.toMatch(authorPattern);
      expect(JSON.stringify(event)).not.toMatch(/"(from|sender|membershipId)"/i);
    }
    expect(JSON.stringify(ack)).not.toMatch(authorPattern);
    expect(JSON.stringify(eeroClient.scene.get("anon1"))).not.toMatch(authorPattern);
    expect(JSON.stringify(eeroClient.scene.get("early"))).not.toMatch(authorPattern);
    expect(eeroClient.scene.get("anon1")?.customData).toEqual({ piiri: "note" });
    expect(eeroClient.scene.get("early")?.customData).toEqual({ color: "y" });

    const scene = await getJson<BoardSceneResponse>(supervisor, `/groups/${group.id}/board`);
    expect(JSON.stringify(scene)).not.toMatch(authorPattern);
    // A late joiner's scene.
    const late = new BoardClient(supervisor, sessionId);
    await late.join();
    await late.until(() => late.scene.has("anon1"), "the scene");
    expect(JSON.stringify(late.eventsOf("board.scene"))).not.toMatch(authorPattern);
    late.disconnect();

    const snapshot = await supervisor.fetch(
      `${piiri.url}/api/sessions/${sessionId}/board/snapshots`,
      {
        method: "POST",
      },
    );
    expect(snapshot.status).toBe(201);
    const { snapshot: saved } = (await snapshot.json()) as { snapshot: BoardSnapshotSummary };
    const opened = await getJson<{ snapshot: BoardSnapshotDetail }>(
      supervisor,
      `/groups/${group.id}/board/snapshots/${saved.id}`,
    );
    expect(opened.snapshot.elements.map((element) => element.id)).toContain("anon1");
    expect(JSON.stringify(opened)).not.toMatch(authorPattern);

    const rows = await piiri.deps.prisma.$queryRawUnsafe<{ row: string }[]>(
      `SELECT row_to_json(e)::text AS row FROM "BoardElement" e WHERE "groupId" = $1
       UNION ALL SELECT row_to_json(s)::text FROM "BoardSnapshot" s WHERE "groupId" = $1`,
      group.id,
    );
    expect(rows.length).toBeGreaterThan(2);
    for (const { row } of rows) expect(row).not.toMatch(authorPattern);
    clients.forEach((client) => client.disconnect());
  });
});

// Several real clients, sign-ups and database writes per test: generous on a loaded machine.
describe("scaling question", { timeout: 90_000 }, () => {
  it("keeps each value hidden from others until the supervisor reveals, and keeps the trend per session", async () => {
    const { sup, ainoClient, eeroClient, supervisor, aino, group, clients } = await groupOfThree();
    await insertTemplate(sup, "scaling", "scale1");
    expect(
      await ainoClient.request({ type: "board.scale.set", exerciseId: "scale1", value: 3 }),
    ).toEqual({ ok: true });
    expect(
      await eeroClient.request({ type: "board.scale.set", exerciseId: "scale1", value: 8 }),
    ).toEqual({ ok: true });
    const placed = (client: BoardClient) =>
      client.eventsOf("board.scale").some((event) => event.scale.placedCount === 2);
    for (const client of [sup, ainoClient, eeroClient])
      await client.until(() => placed(client), "both markers");

    // Before the reveal nobody receives anyone else's value: not the supervisor either.
    const seen = (client: BoardClient) =>
      client.eventsOf("board.scale").flatMap((event) => event.scale.values);
    expect(
      seen(ainoClient).every((entry) => entry.displayName === "Aino" && entry.value === 3),
    ).toBe(true);
    expect(
      seen(eeroClient).every((entry) => entry.displayName === "Eero" && entry.value === 8),
    ).toBe(true);
    expect(seen(sup)).toEqual([]);
    expect(JSON.stringify(ainoClient.events)).not.toContain('"value":8');
    const hiddenHistory = await getJson<ScaleHistoryResponse>(
      aino,
      `/groups/${group.id}/board/scale-history`,
    );
    expect(hiddenHistory.sessions[0]?.exercises[0]).toMatchObject({
      revealed: false,
      placedCount: 2,
    });
    expect(hiddenHistory.sessions[0]?.exercises[0]?.values.map((v) => v.value)).toEqual([3]);
    // Scale values never travel in the element stream.
    expect(JSON.stringify(eeroClient.eventsOf("board.elements"))).not.toContain('"value":3');

    expect(await sup.request({ type: "board.scale.reveal", exerciseId: "scale1" })).toEqual({
      ok: true,
    });
    for (const client of [sup, ainoClient, eeroClient]) {
      await client.until(
        () => client.eventsOf("board.scale").at(-1)?.scale.revealed === true,
        "the reveal",
      );
      expect(
        client
          .eventsOf("board.scale")
          .at(-1)
          ?.scale.values.map((v) => `${v.displayName}=${v.value}`),
      ).toEqual(["Aino=3", "Eero=8"]);
    }
    const history = await getJson<ScaleHistoryResponse>(
      supervisor,
      `/groups/${group.id}/board/scale-history`,
    );
    expect(history.sessions[0]?.exercises[0]?.values.map((v) => v.value)).toEqual([3, 8]);

    expect(
      await ainoClient.request({ type: "board.scale.set", exerciseId: "nope", value: 3 }),
    ).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(
      await ainoClient.request({ type: "board.scale.set", exerciseId: "scale1", value: 11 }),
    ).toMatchObject({
      ok: false,
      code: "INVALID_MESSAGE",
    });
    clients.forEach((client) => client.disconnect());
  });
});

// Several real clients, sign-ups and database writes per test: generous on a loaded machine.
describe("snapshots, next small steps and deleting", { timeout: 90_000 }, () => {
  it("snapshots the board when the session's last socket leaves and carries next steps to the next session", async () => {
    const { sup, ainoClient, eeroClient, supervisor, aino, group, clients } = await groupOfThree();
    await insertTemplate(sup, "nextStep", "steps", [
      note("stepsTitle", { frameId: "steps", text: "Seuraava pieni askel" }),
    ]);
    await ainoClient.change([note("ainoStep", { frameId: "steps", text: "Kysyn apua ajoissa" })]);
    await eeroClient.change([note("eeroStep", { frameId: "steps", text: "Pidän tauon" })]);
    await eeroClient.change([note("elsewhere", { text: "not a step" })]);
    clients.forEach((client) => client.disconnect());

    const deadline = Date.now() + 30_000;
    let snapshots: BoardSnapshotSummary[] = [];
    while (snapshots.length === 0 && Date.now() < deadline) {
      snapshots = (
        await getJson<{ snapshots: BoardSnapshotSummary[] }>(
          aino,
          `/groups/${group.id}/board/snapshots`,
        )
      ).snapshots;
      if (snapshots.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]).toMatchObject({ reason: "sessionEnd", elementCount: 5 });

    const next = await supervisor.api.groups[":groupId"].sessions.$post({
      param: { groupId: group.id },
      json: { startsAt: daysFromNow(21), durationMinutes: 90 },
    });
    const { session } = (await next.json()) as { session: { id: string } };
    // The supervisor opens the next session; from then on its participants are in it.
    const opener = new BoardClient(supervisor, session.id);
    await opener.join();
    const steps = await getJson<PreviousStepsResponse>(
      aino,
      `/sessions/${session.id}/board/previous-steps`,
    );
    expect(steps.fromSession?.id).toBe(sup.sessionId);
    expect(steps.cards.map((card) => card.text).sort()).toEqual([
      "Kysyn apua ajoissa",
      "Pidän tauon",
      "Seuraava pieni askel",
    ]);
    // The first session has nothing before it.
    const none = await getJson<PreviousStepsResponse>(
      aino,
      `/sessions/${sup.sessionId}/board/previous-steps`,
    );
    expect(none).toEqual({ fromSession: null, cards: [] });

    // The next session's board is the same group board.
    const nextClient = new BoardClient(aino, session.id);
    await nextClient.join();
    await nextClient.until(() => nextClient.scene.has("ainoStep"), "the kept board");
    nextClient.disconnect();
    opener.disconnect();

    // Participants cannot delete; the supervisor can.
    const snapshotPath = `${piiri.url}/api/groups/${group.id}/board/snapshots/${snapshots[0]?.id ?? ""}`;
    expect((await aino.fetch(snapshotPath, { method: "DELETE" })).status).toBe(403);
    expect((await supervisor.fetch(snapshotPath, { method: "DELETE" })).status).toBe(200);
    expect((await supervisor.fetch(snapshotPath, { method: "DELETE" })).status).toBe(404);
  });

  it("clears the board into tombstones everyone adopts, and deletes all board content", async () => {
    const { sup, ainoClient, supervisor, aino, group, sessionId, clients } = await groupOfThree();
    await insertTemplate(sup, "scaling", "sc");
    await ainoClient.request({ type: "board.scale.set", exerciseId: "sc", value: 5 });
    await ainoClient.change([note("a1"), note("a2")]);
    expect(await sup.request({ type: "board.clear" })).toEqual({ ok: true, cleared: 3 });
    await ainoClient.until(
      () => [...ainoClient.scene.values()].every((element) => element.isDeleted),
      "the clear",
    );
    // An old offline change cannot bring a cleared note back.
    const ack = await ainoClient.change([note("a1", { text: "an old version" })]);
    expect(ack).toMatchObject({ ok: true, accepted: [] });

    const manual = await supervisor.fetch(
      `${piiri.url}/api/sessions/${sessionId}/board/snapshots`,
      { method: "POST" },
    );
    expect(manual.status).toBe(201);
    expect(
      (await aino.fetch(`${piiri.url}/api/groups/${group.id}/board`, { method: "DELETE" })).status,
    ).toBe(403);
    expect(
      (await supervisor.fetch(`${piiri.url}/api/groups/${group.id}/board`, { method: "DELETE" }))
        .status,
    ).toBe(200);
    await ainoClient.until(
      () => ainoClient.eventsOf("board.scene").some((event) => event.reset),
      "the reset",
    );
    expect(ainoClient.scene.size).toBe(0);

    const prisma = piiri.deps.prisma;
    expect(await prisma.boardElement.count({ where: { groupId: group.id } })).toBe(0);
    expect(await prisma.boardFrame.count({ where: { groupId: group.id } })).toBe(0);
    expect(await prisma.boardSnapshot.count({ where: { groupId: group.id } })).toBe(0);
    expect(await prisma.boardScaleValue.count({ where: { sessionId } })).toBe(0);
    clients.forEach((client) => client.disconnect());
  });
});
