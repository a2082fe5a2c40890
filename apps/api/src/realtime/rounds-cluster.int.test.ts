import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@piiri/db/testing";
import { currentSpeaker } from "@piiri/domain/agenda-views";
import type { AgendaStateEvent } from "@piiri/protocol/rounds";
import {
  connected,
  startTestPiiri,
  testClock,
  TestPerson,
  type TestClock,
} from "../testing/harness.ts";
import { request } from "../testing/realtime.ts";
import { redisServerBinary, startRedisServer } from "../testing/redis-server.ts";
import { agendaOf } from "../testing/rounds.ts";
import { setLobby, acceptAsNewcomer, invite, supervisorWithGroup } from "../testing/scenario.ts";
import type { RunningPiiri } from "../server.ts";

const redisBinary = redisServerBinary();

// Two API nodes need a Redis server; a machine without redis-server skips this (CI installs it).
describe.skipIf(redisBinary === null)("rounds on two API nodes behind one Redis", () => {
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  let nodeA: RunningPiiri;
  let nodeB: RunningPiiri;
  // One clock per node, moved together: the nodes agree on time, as NTP-synced servers do.
  const clocks: TestClock[] = [testClock(), testClock()];

  beforeAll(async () => {
    redis = await startRedisServer(redisBinary ?? "");
    const database = await createTestDatabase();
    const env = { REDIS_URL: redis.url };
    nodeA = await startTestPiiri(clocks[0], { env, database });
    nodeB = await startTestPiiri(clocks[1], { env, database });
  });
  afterAll(async () => {
    await nodeA.close();
    await nodeB.close();
    await redis.stop();
  });

  it("applies concurrent commands from both nodes once each, and an automatic advance once", async () => {
    const { supervisor, group, sessionId } = await supervisorWithGroup(nodeA, "Ulla Ohjaaja");
    // The lobby has its own tests (live.int.test.ts); here everyone walks straight in.
    await setLobby(supervisor, group.id, false);
    const { token } = await invite(supervisor, group.id, { maxUses: 2 });
    const aino = await acceptAsNewcomer(nodeA, token, "Aino");
    const eero = await acceptAsNewcomer(nodeA, token, "Eero");
    // The supervisor has a second tab on node B; Aino is on node B too.
    const supervisorOnB = new TestPerson(nodeB.url);
    supervisorOnB.adoptCookies(supervisor);
    const ainoOnB = new TestPerson(nodeB.url);
    ainoOnB.adoptCookies(aino);

    const open = async (person: TestPerson) => {
      const socket = person.socket();
      const view = agendaOf(socket, sessionId);
      await connected(socket);
      expect(await request(socket, { type: "session.join", sessionId })).toEqual({ ok: true });
      await view.until(() => true);
      return { socket, view };
    };
    const supA = await open(supervisor);
    const supB = await open(supervisorOnB);
    const ainoB = await open(ainoOnB);
    await open(eero);

    expect(
      await request(supA.socket, {
        type: "agenda.applyTemplate",
        sessionId,
        template: "groupSupervision",
      }),
    ).toMatchObject({ ok: true });
    const planned = await supB.view.until((e) => e.state.phases.length > 0);
    await request(supB.socket, {
      type: "agenda.startPhase",
      sessionId,
      phaseId: planned.state.phases[0]!.id,
    });
    await request(supA.socket, { type: "round.start", sessionId, turnSeconds: 60 });
    const started = await ainoB.view.until((e) => e.state.round?.status === "running");
    const deadline = started.state.round?.turn?.running ? started.state.round.turn.deadline : 0;

    // Ten extensions from each node at once: every one applied exactly once.
    const acks = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        request(i % 2 === 0 ? supA.socket : supB.socket, {
          type: "round.extend",
          sessionId,
          seconds: 60,
        }),
      ),
    );
    expect(acks.every((ack) => ack.ok)).toBe(true);
    const extended = await ainoB.view.until((e) => e.version === started.version + 20);
    expect(extended.state.round?.turn).toMatchObject({
      running: true,
      deadline: deadline + 20 * 60_000,
    });

    // Time passes the deadline on both nodes: both notice (timer or sweep), one applies it.
    const before = ainoB.view.received.length;
    clocks.forEach((clock) => clock.advance(21 * 60_000 + 20_000));
    const advanced = await ainoB.view.until((e) => e.state.round?.turnNumber === 2, 10_000);
    expect(currentSpeaker(advanced.state)?.displayName).toBe("Eero");
    expect(advanced.version).toBe(extended.version + 1);
    // Eero's turn began at Aino's deadline, however late the nodes noticed.
    expect(advanced.state.round?.turn).toMatchObject({ deadline: deadline + 20 * 60_000 + 60_000 });
    // Give a second, duplicate application every chance to show up: it must not.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const after: AgendaStateEvent[] = ainoB.view.received.slice(before).map((r) => r.event);
    expect(after.filter((e) => e.state.round?.turnNumber === 2).map((e) => e.version)).toEqual([
      advanced.version,
    ]);
    [supervisor, supervisorOnB, ainoOnB, eero].forEach((p) => p.closeSockets());
  }, 30_000);
});
