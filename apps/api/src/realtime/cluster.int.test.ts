import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@piiri/db/testing";
import { connected, startTestPiiri, testClock, TestPerson } from "../testing/harness.ts";
import { presenceOf, request } from "../testing/realtime.ts";
import { redisServerBinary, startRedisServer } from "../testing/redis-server.ts";
import { acceptAsNewcomer, invite, setLobby, supervisorWithGroup } from "../testing/scenario.ts";
import type { RunningPiiri } from "../server.ts";

const redisBinary = redisServerBinary();

// Two API nodes need a Redis server; a machine without redis-server skips this (CI installs it).
describe.skipIf(redisBinary === null)("two API nodes behind one Redis", () => {
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  let nodeA: RunningPiiri;
  let nodeB: RunningPiiri;

  beforeAll(async () => {
    redis = await startRedisServer(redisBinary ?? "");
    const database = await createTestDatabase();
    const env = { REDIS_URL: redis.url };
    nodeA = await startTestPiiri(testClock(), { env, database });
    nodeB = await startTestPiiri(testClock(), { env, database });
  });
  afterAll(async () => {
    await nodeA.close();
    await nodeB.close();
    await redis.stop();
  });

  it("shows people connected to different nodes to each other, and drops them when they leave", async () => {
    const { supervisor, group, sessionId } = await supervisorWithGroup(nodeA, "Ulla Ohjaaja");
    await setLobby(supervisor, group.id, false);
    const { token } = await invite(supervisor, group.id);
    const aino = await acceptAsNewcomer(nodeA, token, "Aino");
    // Aino's browser talks to node B with the same session cookie.
    const ainoOnB = new TestPerson(nodeB.url);
    ainoOnB.adoptCookies(aino);

    const supSocket = supervisor.socket();
    const supView = presenceOf(supSocket, sessionId);
    await connected(supSocket);
    expect(await request(supSocket, { type: "session.join", sessionId })).toEqual({ ok: true });

    const ainoSocket = ainoOnB.socket();
    const ainoView = presenceOf(ainoSocket, sessionId);
    await connected(ainoSocket);
    expect(await request(ainoSocket, { type: "session.join", sessionId })).toEqual({ ok: true });

    const both = ["Ulla Ohjaaja:supervisor", "Aino:participant"];
    expect(await supView.until((names) => names.length === 2, 3000)).toEqual(both);
    expect(await ainoView.until((names) => names.length === 2, 3000)).toEqual(both);

    ainoSocket.disconnect();
    expect(await supView.until((names) => names.length === 1, 3000)).toEqual([
      "Ulla Ohjaaja:supervisor",
    ]);
    supervisor.closeSockets();
  });
});
