// Anonymous really means anonymous (issue 9, point 4): a live cursor inside a frame with
// anonymous notes reaches the others with no identity at all, decided by the server from the
// frame it holds. Real socket.io clients over loopback.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BoardElement } from "@piiri/protocol/board";
import type { ServerEvent } from "@piiri/protocol/realtime";
import { BoardClient, edited, note } from "./testing/board.ts";
import { startTestPiiri } from "./testing/harness.ts";
import { acceptAsNewcomer, invite, setLobby, supervisorWithGroup } from "./testing/scenario.ts";
import type { RunningPiiri } from "./server.ts";

let piiri: RunningPiiri;
beforeAll(async () => {
  piiri = await startTestPiiri();
});
afterAll(async () => {
  await piiri.close();
});

type PointerEvent = Extract<ServerEvent, { type: "board.pointer" | "board.pointer.gone" }>;

/** The exercise frame: x 1000–1500, y 0–300 in scene coordinates. */
const FRAME: BoardElement = {
  ...note("mir"),
  type: "frame",
  name: "Ihmekysymys",
  x: 1000,
  y: 0,
  width: 500,
  height: 300,
  customData: { piiri: "exerciseFrame", kind: "miracle" },
};
const INSIDE = { x: 1200, y: 150 };
const OUTSIDE = { x: 200, y: 150 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function groupOfThree() {
  const { supervisor, group, sessionId } = await supervisorWithGroup(piiri, "Ulla Ohjaaja");
  await setLobby(supervisor, group.id, false);
  const { token } = await invite(supervisor, group.id, { maxUses: 2 });
  const aino = await acceptAsNewcomer(piiri, token, "Aino Anonyymi");
  const eero = await acceptAsNewcomer(piiri, token, "Eero");
  const clients = [supervisor, aino, eero].map((person) => new BoardClient(person, sessionId));
  for (const client of clients) expect(await client.join()).toEqual({ ok: true });
  const [sup, ainoClient, eeroClient] = clients as [BoardClient, BoardClient, BoardClient];
  expect(
    await sup.request({
      type: "board.template.insert",
      frameId: "mir",
      kind: "miracle",
      elements: [FRAME],
    }),
  ).toMatchObject({ ok: true });
  const membership = await piiri.deps.prisma.membership.findFirstOrThrow({
    where: { groupId: group.id, displayName: "Aino Anonyymi" },
  });
  return { group, sup, ainoClient, eeroClient, clients, aino: membership };
}

function pointerEvents(client: BoardClient, from = 0): PointerEvent[] {
  return client.events
    .slice(from)
    .filter(
      (event): event is PointerEvent =>
        event.type === "board.pointer" || event.type === "board.pointer.gone",
    );
}

/** Moves the cursor to `at` (every 50 ms, as a browser does while the mouse moves) until `done`. */
async function pointUntil(
  client: BoardClient,
  at: { x: number; y: number },
  done: () => boolean,
  what: string,
): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    const ack = await client.request({ type: "board.pointer", ...at });
    expect(ack.ok).toBe(true);
    await sleep(50);
  }
}

const anonymousIds = (events: PointerEvent[]) =>
  events.flatMap((event) =>
    event.type === "board.pointer" && event.pointer.kind === "anonymous" ? [event.pointer.id] : [],
  );

// Several real clients, sign-ups and database writes per test: generous on a loaded machine.
describe("live cursors in anonymous frames", { timeout: 90_000 }, () => {
  it("reach everyone with no identity, a new random id per visit, the named cursor taken away", async () => {
    const { sup, ainoClient, eeroClient, clients, aino } = await groupOfThree();
    expect(
      await sup.request({ type: "board.frame.set", frameId: "mir", anonymous: true }),
    ).toMatchObject({ ok: true });

    // Outside the exercise the cursor is Aino's, by name.
    await pointUntil(
      ainoClient,
      OUTSIDE,
      () => pointerEvents(eeroClient).length > 0,
      "a named cursor",
    );
    expect(pointerEvents(eeroClient)[0]).toMatchObject({
      type: "board.pointer",
      pointer: { kind: "named", membershipId: aino.id, displayName: "Aino Anonyymi" },
    });
    await sleep(200); // a named position still on its way arrives before what follows
    const fromEero = eeroClient.events.length;
    const fromSup = sup.events.length;

    // In it: first the named cursor goes away, then an unnamed one moves, for everyone alike.
    const visit = () => anonymousIds(pointerEvents(eeroClient, fromEero)).length >= 3;
    await pointUntil(ainoClient, INSIDE, visit, "anonymous cursors");
    await sup.until(
      () => anonymousIds(pointerEvents(sup, fromSup)).length >= 3,
      "the supervisor's",
    );
    const seen = [...pointerEvents(eeroClient, fromEero), ...pointerEvents(sup, fromSup)];
    expect(seen[0]).toEqual({
      type: "board.pointer.gone",
      sessionId: ainoClient.sessionId,
      pointer: { kind: "named", membershipId: aino.id },
    });
    const positions = seen.filter((event) => event.type === "board.pointer");
    expect(positions.length).toBeGreaterThanOrEqual(6);
    for (const event of positions) {
      // Exactly these fields: nothing that says or stands for who it is.
      expect(Object.keys(event).sort()).toEqual(["pointer", "sessionId", "type", "x", "y"]);
      expect(Object.keys(event.pointer).sort()).toEqual(["id", "kind"]);
      expect(event).toMatchObject({ pointer: { kind: "anonymous" }, ...INSIDE });
      const text = JSON.stringify(event);
      expect(text).not.toContain(aino.id);
      expect(text).not.toContain(aino.userId);
      expect(text).not.toMatch(/Aino|Anonyymi|membership|displayName/);
    }
    const firstVisit = new Set(anonymousIds(positions));
    expect(firstVisit.size).toBe(1);
    const [firstId] = [...firstVisit];
    expect(firstId).not.toContain(aino.id.slice(0, 8));

    // Leaving ends the visit; coming back is a new one, not linked to the first.
    const beforeLeaving = eeroClient.events.length;
    await pointUntil(
      ainoClient,
      OUTSIDE,
      () =>
        pointerEvents(eeroClient, beforeLeaving).some(
          (event) => event.type === "board.pointer" && event.pointer.kind === "named",
        ),
      "the named cursor again",
    );
    expect(pointerEvents(eeroClient, beforeLeaving)[0]).toEqual({
      type: "board.pointer.gone",
      sessionId: ainoClient.sessionId,
      pointer: { kind: "anonymous", id: firstId },
    });
    const beforeReturning = eeroClient.events.length;
    await pointUntil(
      ainoClient,
      INSIDE,
      () => anonymousIds(pointerEvents(eeroClient, beforeReturning)).length > 0,
      "a second visit",
    );
    const [secondId] = anonymousIds(pointerEvents(eeroClient, beforeReturning));
    expect(secondId).toBeDefined();
    expect(secondId).not.toBe(firstId);

    // The sender cannot name itself in, nor out: what it claims is not read.
    await ainoClient.request({
      type: "board.pointer",
      ...INSIDE,
      anonymous: false,
      displayName: "X",
    });
    await sleep(60);
    await ainoClient.request({ type: "board.pointer", ...INSIDE });
    await sleep(200);
    const named = pointerEvents(eeroClient, beforeReturning).filter(
      (event) => event.type === "board.pointer" && event.pointer.kind === "named",
    );
    expect(named).toEqual([]);
    clients.forEach((client) => client.disconnect());
  });

  it("follows the frame as the server holds it: anonymity switched on, and the frame moved", async () => {
    const { sup, ainoClient, eeroClient, clients } = await groupOfThree();
    // Not anonymous yet: inside the frame the cursor is named.
    await pointUntil(ainoClient, INSIDE, () => pointerEvents(eeroClient).length > 0, "a cursor");
    expect(pointerEvents(eeroClient)[0]).toMatchObject({ pointer: { kind: "named" } });

    // Anonymity on while the cursor is in the frame: its next positions are unnamed.
    expect(
      await sup.request({ type: "board.frame.set", frameId: "mir", anonymous: true }),
    ).toMatchObject({ ok: true });
    const afterSwitch = eeroClient.events.length;
    await pointUntil(
      ainoClient,
      INSIDE,
      () => anonymousIds(pointerEvents(eeroClient, afterSwitch)).length > 0,
      "the cursor going unnamed",
    );
    expect(
      pointerEvents(eeroClient, afterSwitch).filter(
        (event) => event.type === "board.pointer" && event.pointer.kind === "named",
      ),
    ).toEqual([]);

    // The supervisor moves the frame away: the same spot is no longer in it.
    const moved = edited(sup.scene.get("mir") ?? FRAME, { x: 5000 });
    expect((await sup.change([moved]))?.ok).toBe(true);
    const afterMove = eeroClient.events.length;
    await pointUntil(
      ainoClient,
      INSIDE,
      () =>
        pointerEvents(eeroClient, afterMove).some(
          (event) => event.type === "board.pointer" && event.pointer.kind === "named",
        ),
      "the cursor named again",
    );
    // …and where the frame is now, it is unnamed.
    const atNewPlace = eeroClient.events.length;
    await pointUntil(
      ainoClient,
      { x: 5200, y: 150 },
      () => anonymousIds(pointerEvents(eeroClient, atNewPlace)).length > 0,
      "the cursor in the moved frame",
    );
    clients.forEach((client) => client.disconnect());
  });
});
