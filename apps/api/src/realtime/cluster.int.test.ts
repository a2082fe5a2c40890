import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@piiri/db/testing";
import {
  connectError,
  connected,
  startTestPiiri,
  testClock,
  TestPerson,
  type TestSocket,
} from "../testing/harness.ts";
import { eventLog, presenceOf, request } from "../testing/realtime.ts";
import { redisServerBinary, startRedisServer } from "../testing/redis-server.ts";
import {
  acceptAsNewcomer,
  FIRST_SESSION,
  invite,
  setLobby,
  supervisorWithGroup,
  uniqueEmail,
} from "../testing/scenario.ts";
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

  it("admits, removes and relays keys across nodes: the lobby and the room span both", async () => {
    const { supervisor, group, sessionId } = await supervisorWithGroup(nodeA, "Ulla Ohjaaja");
    const { token } = await invite(supervisor, group.id);
    const aino = await acceptAsNewcomer(nodeA, token, "Aino");
    const ainoOnB = new TestPerson(nodeB.url);
    ainoOnB.adoptCookies(aino);
    const detail = await (
      await supervisor.api.groups[":groupId"].$get({ param: { groupId: group.id } })
    ).json();
    const ainoId = detail.group.members.find((m) => m.displayName === "Aino")?.membershipId ?? "";
    const ullaId = detail.group.myMembershipId;

    const supSocket = supervisor.socket();
    const supLog = eventLog(supSocket);
    const supView = presenceOf(supSocket, sessionId);
    await connected(supSocket);
    await request(supSocket, { type: "session.join", sessionId });

    // Aino knocks on node B; the supervisor on node A sees her waiting and admits her.
    const ainoSocket = ainoOnB.socket();
    const ainoLog = eventLog(ainoSocket);
    await connected(ainoSocket);
    await request(ainoSocket, { type: "session.join", sessionId });
    await ainoLog.until("live.admission", (event) => event.status === "waiting");
    await supLog.until("live.lobby", (event) =>
      event.waiting.some((w) => w.membershipId === ainoId),
    );
    expect(
      await request(supSocket, { type: "live.admit", sessionId, membershipId: ainoId }),
    ).toEqual({
      ok: true,
    });
    await ainoLog.until("live.admission", (event) => event.status === "admitted");
    await supView.until((names) => names.length === 2);
    await ainoLog.until("live.state");

    // State and keys flow both ways.
    await request(ainoSocket, { type: "live.hand.raise", sessionId });
    await supLog.until("live.state", (event) => event.hands.some((h) => h.membershipId === ainoId));
    await request(ainoSocket, { type: "live.e2ee.announce", sessionId, publicKey: "QUJD" });
    await supLog.until("live.e2ee.keys", (event) =>
      event.keys.some((k) => k.membershipId === ainoId),
    );
    expect(
      await request(supSocket, {
        type: "live.e2ee.share",
        sessionId,
        to: ainoId,
        keyId: 2,
        wrapped: "QUJD",
        iv: "QUJD",
      }),
    ).toEqual({ ok: true });
    expect(await ainoLog.until("live.e2ee.share")).toMatchObject({ from: ullaId, keyId: 2 });

    // Removal from node A evicts her socket on node B at once.
    await request(supSocket, { type: "live.remove", sessionId, membershipId: ainoId });
    await ainoLog.until("live.admission", (event) => event.status === "removed");
    await supView.until((names) => names.length === 1);
    expect(await request(ainoSocket, { type: "live.hand.raise", sessionId })).toMatchObject({
      ok: false,
      code: "NOT_A_MEMBER",
    });
    supervisor.closeSockets();
    ainoOnB.closeSockets();
  });

  it("a supervisor entering on node A lets in a participant waiting on node B for the session to open", async () => {
    const supervisor = new TestPerson(nodeA.url);
    await supervisor.signUp("Ulla Ohjaaja", uniqueEmail("ulla"));
    const inThreeWeeks = new Date(Date.now() + 21 * 24 * 60 * 60_000).toISOString();
    const created = await supervisor.api.groups.$post({
      json: { name: "Tiimi", kind: "group", firstSession: { startsAt: inThreeWeeks } },
    });
    const { group } = await created.json();
    const sessionId = group.sessions[0]?.id ?? "";
    await setLobby(supervisor, group.id, false);
    const { token } = await invite(supervisor, group.id);
    const aino = await acceptAsNewcomer(nodeA, token, "Aino");
    const ainoOnB = new TestPerson(nodeB.url);
    ainoOnB.adoptCookies(aino);

    const ainoSocket = ainoOnB.socket();
    const ainoLog = eventLog(ainoSocket);
    await connected(ainoSocket);
    expect(await request(ainoSocket, { type: "session.join", sessionId })).toEqual({ ok: true });
    await ainoLog.until("session.opening");

    const supSocket = supervisor.socket();
    await connected(supSocket);
    expect(await request(supSocket, { type: "session.join", sessionId })).toEqual({ ok: true });
    await ainoLog.until("live.admission", (event) => event.status === "admitted");
    await ainoLog.until("board.scene");
    supervisor.closeSockets();
    ainoOnB.closeSockets();
  });

  it("sign-out on node A disconnects that sign-in's sockets on both nodes; the person's other sign-in stays", async () => {
    const email = uniqueEmail("ulla");
    const laptop = new TestPerson(nodeA.url);
    await laptop.signUp("Ulla Ohjaaja", email, "salasana-123");
    const created = await laptop.api.groups.$post({
      json: { name: "Tiimi", kind: "group", firstSession: FIRST_SESSION },
    });
    const sessionId = (await created.json()).group.sessions[0]?.id ?? "";
    const laptopOnB = new TestPerson(nodeB.url);
    laptopOnB.adoptCookies(laptop);
    const phone = new TestPerson(nodeB.url);
    expect(
      (await phone.post("/api/auth/sign-in/email", { email, password: "salasana-123" })).status,
    ).toBe(200);

    const sockets = [laptop.socket(), laptopOnB.socket(), phone.socket()];
    for (const socket of sockets) {
      await connected(socket);
      expect(await request(socket, { type: "session.join", sessionId })).toEqual({ ok: true });
    }
    const [onA, onB, onPhone] = sockets as [TestSocket, TestSocket, TestSocket];
    const gone = [onA, onB].map(
      (socket) => new Promise<string>((resolve) => socket.once("disconnect", resolve)),
    );
    expect((await laptop.post("/api/auth/sign-out", {})).status).toBe(200);
    expect(await Promise.all(gone)).toEqual(["io server disconnect", "io server disconnect"]);

    expect(onPhone.connected).toBe(true);
    expect(await request(onPhone, { type: "board.pointer", sessionId, x: 1, y: 2 })).toMatchObject({
      ok: true,
    });
    // The ended sign-in's sockets cannot come back on either node.
    for (const socket of [onA, onB]) {
      const refusal = connectError(socket);
      socket.connect();
      expect(await refusal).toBe("UNAUTHENTICATED");
    }
    phone.closeSockets();
  });
});
