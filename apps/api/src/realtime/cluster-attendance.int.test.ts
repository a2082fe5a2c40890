// Presence attendance with two API nodes behind one Redis: each node keeps its own interval for
// the sockets it has, and one person on two devices (one per node) is counted once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@piiri/db/testing";
import { listPresenceIntervals } from "@piiri/db/repositories/presence-intervals";
import type { AttendanceRow } from "@piiri/protocol/live";
import {
  connected,
  startTestPiiri,
  testClock,
  TestPerson,
  type TestClock,
} from "../testing/harness.ts";
import { eventLog, presenceOf, request } from "../testing/realtime.ts";
import { redisServerBinary, startRedisServer } from "../testing/redis-server.ts";
import { acceptAsNewcomer, invite, setLobby, supervisorWithGroup } from "../testing/scenario.ts";
import type { RunningPiiri } from "../server.ts";

const MINUTE = 60_000;
const redisBinary = redisServerBinary();

// Two API nodes need a Redis server; a machine without redis-server skips this (CI installs it).
describe.skipIf(redisBinary === null)("presence attendance on two API nodes", () => {
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  let nodeA: RunningPiiri;
  let nodeB: RunningPiiri;
  // One clock for both nodes, as NTP-synchronised servers have.
  let clock: TestClock;

  beforeAll(async () => {
    redis = await startRedisServer(redisBinary ?? "");
    const database = await createTestDatabase();
    const env = { REDIS_URL: redis.url };
    clock = testClock();
    nodeA = await startTestPiiri(clock, { env, database });
    nodeB = await startTestPiiri(clock, { env, database });
  });
  afterAll(async () => {
    await nodeA.close();
    await nodeB.close();
    await redis.stop();
  });

  it("counts a laptop on node A (0–10 min) and a phone on node B (5–15 min) as 15 minutes, not 20", async () => {
    const { supervisor, group, sessionId } = await supervisorWithGroup(nodeA, "Ulla Ohjaaja");
    await setLobby(supervisor, group.id, false);
    const { token } = await invite(supervisor, group.id);
    const ainoOnA = await acceptAsNewcomer(nodeA, token, "Aino");
    const ainoOnB = new TestPerson(nodeB.url);
    ainoOnB.adoptCookies(ainoOnA);

    const supSocket = supervisor.socket();
    const supView = presenceOf(supSocket, sessionId);
    await connected(supSocket);
    await request(supSocket, { type: "session.join", sessionId });

    const laptop = ainoOnA.socket();
    const laptopLog = eventLog(laptop);
    await connected(laptop);
    await request(laptop, { type: "session.join", sessionId });
    await laptopLog.until("live.admission", (event) => event.status === "admitted");
    await supView.until((names) => names.includes("Aino:participant"), 3000);
    clock.advance(5 * MINUTE);

    const phone = ainoOnB.socket();
    const phoneLog = eventLog(phone);
    await connected(phone);
    await request(phone, { type: "session.join", sessionId });
    await phoneLog.until("live.admission", (event) => event.status === "admitted");
    clock.advance(5 * MINUTE);
    laptop.disconnect();
    clock.advance(5 * MINUTE);
    phone.disconnect();
    await supView.until((names) => !names.includes("Aino:participant"), 3000);

    // Closing follows the disconnect on each node; wait for both.
    const ainoAttendance = async (): Promise<AttendanceRow | undefined> => {
      const response = await supervisor.api.sessions[":sessionId"].attendance.$get({
        param: { sessionId },
      });
      return (await response.json()).members.find((row) => row.displayName === "Aino");
    };
    const deadline = Date.now() + 5000;
    let ainoRow = await ainoAttendance();
    while (ainoRow?.lastLeftAt === null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      ainoRow = await ainoAttendance();
    }
    expect(ainoRow).toMatchObject({ totalMinutes: 15, presenceMinutes: 15, source: "presence" });
    expect(ainoRow?.intervals).toHaveLength(1);

    // Two rows really were written, one by each node, and they overlap.
    const stored = (await listPresenceIntervals(nodeA.deps.prisma, [sessionId])).filter(
      (interval) => interval.membershipId === ainoRow?.membershipId,
    );
    expect(stored).toHaveLength(2);
    expect(new Set(stored.map((interval) => interval.nodeId)).size).toBe(2);
    supervisor.closeSockets();
  });
});
