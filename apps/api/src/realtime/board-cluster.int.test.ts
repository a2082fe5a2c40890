// Anonymous cursors on two API nodes: each node keeps where a board's anonymous frames are for a
// moment (see board/anonymous-areas.ts); switching anonymity on one node must reach the other at
// once, not when its copy runs out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@piiri/db/testing";
import type { BoardElement } from "@piiri/protocol/board";
import { BoardClient, note } from "../testing/board.ts";
import { startTestPiiri, testClock, TestPerson } from "../testing/harness.ts";
import { redisServerBinary, startRedisServer } from "../testing/redis-server.ts";
import { acceptAsNewcomer, invite, setLobby, supervisorWithGroup } from "../testing/scenario.ts";
import type { RunningPiiri } from "../server.ts";

const redisBinary = redisServerBinary();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const FRAME: BoardElement = {
  ...note("mir"),
  type: "frame",
  x: 1000,
  y: 0,
  width: 500,
  height: 300,
  customData: { piiri: "exerciseFrame", kind: "miracle" },
};
const INSIDE = { x: 1200, y: 150 };

// Two API nodes need a Redis server; a machine without redis-server skips this (CI installs it).
describe.skipIf(redisBinary === null)("board cursors on two API nodes", { timeout: 90_000 }, () => {
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  let nodeA: RunningPiiri;
  let nodeB: RunningPiiri;

  beforeAll(async () => {
    redis = await startRedisServer(redisBinary ?? "");
    const database = await createTestDatabase();
    const env = { REDIS_URL: redis.url };
    nodeA = await startTestPiiri(testClock(), { env, database });
    // Node B's clock stands still, so its copy of the board's areas never runs out by itself:
    // only the cluster's message can make it read them again.
    const stopped = new Date();
    nodeB = await startTestPiiri({ now: () => stopped, advance: () => {} }, { env, database });
  });
  afterAll(async () => {
    await nodeA.close();
    await nodeB.close();
    await redis.stop();
  });

  it("a frame made anonymous on one node hides the cursors the other node relays, at once", async () => {
    const { supervisor, group, sessionId } = await supervisorWithGroup(nodeA, "Ulla Ohjaaja");
    await setLobby(supervisor, group.id, false);
    const { token } = await invite(supervisor, group.id);
    const aino = await acceptAsNewcomer(nodeA, token, "Aino");
    const ainoOnB = new TestPerson(nodeB.url);
    ainoOnB.adoptCookies(aino);
    const sup = new BoardClient(supervisor, sessionId);
    const ainoClient = new BoardClient(ainoOnB, sessionId);
    expect(await sup.join()).toEqual({ ok: true });
    expect(await ainoClient.join()).toEqual({ ok: true });
    expect(
      await sup.request({
        type: "board.template.insert",
        frameId: "mir",
        kind: "miracle",
        elements: [FRAME],
      }),
    ).toMatchObject({ ok: true });

    // Aino's cursor (on node B) is in the frame, named: node B has just read the frame's state.
    const pointers = () => sup.eventsOf("board.pointer");
    while (pointers().length < 5) {
      await ainoClient.request({ type: "board.pointer", ...INSIDE });
      await sleep(50);
    }
    expect(pointers().every((event) => event.pointer.kind === "named")).toBe(true);

    // The supervisor (on node A) makes it anonymous; from then on node B names no one.
    expect(
      await sup.request({ type: "board.frame.set", frameId: "mir", anonymous: true }),
    ).toMatchObject({ ok: true });
    await sleep(100); // the cluster message crosses Redis
    const from = pointers().length;
    const deadline = Date.now() + 10_000;
    while (pointers().length === from) {
      if (Date.now() > deadline) throw new Error("no cursor after the switch");
      await ainoClient.request({ type: "board.pointer", ...INSIDE });
      await sleep(50);
    }
    const after = pointers().slice(from);
    expect(after.map((event) => event.pointer.kind)).toEqual(after.map(() => "anonymous"));
    sup.disconnect();
    ainoClient.disconnect();
  });
});
