// Live session: what the database-backed state costs over a bare socket round trip.
//   hand  — raise+lower a hand and wait for the other socket's live.state, against a plain
//           acknowledged request (the socket's round trip) in the same run.
//   admit — ten members knock and are admitted together, until every one has its state, against
//           the same ten walking straight in with the lobby off.
import { performance } from "node:perf_hooks";
import { connected, startTestPiiri, type TestSocket } from "../src/testing/harness.ts";
import { eventLog, request } from "../src/testing/realtime.ts";
import {
  acceptAsNewcomer,
  invite,
  setLobby,
  supervisorWithGroup,
} from "../src/testing/scenario.ts";
import type { RunningPiiri } from "../src/server.ts";

const ROUNDS = 40;
const MEMBERS = 10;

async function group(piiri: RunningPiiri) {
  const { supervisor, group, sessionId } = await supervisorWithGroup(piiri);
  const { token } = await invite(supervisor, group.id, { maxUses: MEMBERS });
  const members = [];
  for (let i = 0; i < MEMBERS; i += 1)
    members.push(await acceptAsNewcomer(piiri, token, `Jäsen ${i}`));
  const sup = supervisor.socket();
  await connected(sup);
  await request(sup, { type: "session.join", sessionId });
  return { supervisor, group, sessionId, members, sup };
}

async function enterAll(sockets: TestSocket[], sessionId: string, admit: () => Promise<unknown>) {
  const logs = sockets.map((socket) => eventLog(socket));
  await Promise.all(sockets.map((socket) => request(socket, { type: "session.join", sessionId })));
  await admit();
  await Promise.all(logs.map((log) => log.until("live.state", () => true, 60_000)));
}

export default async function live(): Promise<void> {
  const piiri = await startTestPiiri();
  try {
    const { sessionId, members, sup } = await group(piiri);
    const lobbyOn = members.map((member) => member.socket());
    await Promise.all(lobbyOn.map((socket) => connected(socket)));
    const t0 = performance.now();
    await enterAll(lobbyOn, sessionId, () => request(sup, { type: "live.admitAll", sessionId }));
    const admitMs = performance.now() - t0;

    const other = await group(piiri);
    await setLobby(other.supervisor, other.group.id, false);
    const direct = other.members.map((member) => member.socket());
    await Promise.all(direct.map((socket) => connected(socket)));
    const t1 = performance.now();
    await enterAll(direct, other.sessionId, () => Promise.resolve());
    const directMs = performance.now() - t1;

    const participant = lobbyOn[0];
    if (!participant) throw new Error("no participant");
    const supLog = eventLog(sup);
    const t2 = performance.now();
    for (let i = 0; i < ROUNDS; i += 1) await request(participant, { type: "ping" });
    const rttMs = (performance.now() - t2) / ROUNDS;
    const t3 = performance.now();
    for (let i = 0; i < ROUNDS; i += 1) {
      const seen = supLog.of("live.state").length;
      await request(participant, {
        type: i % 2 === 0 ? "live.hand.raise" : "live.hand.lower",
        sessionId,
      });
      await supLog.until("live.state", () => supLog.of("live.state").length > seen, 60_000);
    }
    const handMs = (performance.now() - t3) / ROUNDS;
    console.log(
      `BENCH live members=${MEMBERS} admit_vs_direct=${(admitMs / directMs).toFixed(2)} ` +
        `hand_vs_rtt=${(handMs / rttMs).toFixed(2)} rounds=${ROUNDS}`,
    );
  } finally {
    await piiri.close();
  }
}
