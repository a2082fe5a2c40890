import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TokenVerifier } from "livekit-server-sdk";
import { startTestPiiri, TestPerson } from "./testing/harness.ts";
import {
  acceptAsNewcomer,
  invite,
  setLobby,
  supervisorWithGroup,
  uniqueEmail,
} from "./testing/scenario.ts";
import type { RunningPiiri } from "./server.ts";

let piiri: RunningPiiri;
// LiveKit's dev-mode credentials, which Piiri uses by default.
const verifier = new TokenVerifier("devkey", "secret");

beforeAll(async () => {
  piiri = await startTestPiiri();
});
afterAll(async () => {
  await piiri.close();
});

async function joinToken(person: TestPerson, sessionId: string) {
  const response = await person.api.sessions[":sessionId"]["livekit-token"].$post({
    param: { sessionId },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("LiveKit join tokens", () => {
  it("gives each member a short-lived token for that session's room only, under an opaque identity", async () => {
    const { supervisor, group, sessionId } = await supervisorWithGroup(piiri, "Ulla Ohjaaja");
    // Admission before a token has its own tests (live.int.test.ts).
    await setLobby(supervisor, group.id, false);
    const { token } = await invite(supervisor, group.id);
    const aino = await acceptAsNewcomer(piiri, token, "Aino Aalto");

    const sup = await joinToken(supervisor, sessionId);
    const par = await joinToken(aino, sessionId);
    expect(sup.status).toBe(200);
    expect(par.status).toBe(200);

    const supClaims = await verifier.verify(String(sup.body.token));
    const parClaims = await verifier.verify(String(par.body.token));

    expect(supClaims.sub).toBe(group.myMembershipId);
    expect(sup.body).toMatchObject({
      identity: group.myMembershipId,
      room: sessionId,
      url: "ws://localhost:7880",
    });
    for (const claims of [supClaims, parClaims]) {
      expect(claims.video?.room).toBe(sessionId);
      expect(claims.video?.roomJoin).toBe(true);
      expect(claims.video?.canSubscribe).toBe(true);
      expect(claims.video?.canPublish).toBe(true);
      expect(claims.video?.canPublishData).toBe(false);
      expect(claims.video?.roomCreate).toBe(false);
      expect(claims.video?.roomRecord).toBe(false);
      expect(claims.video?.roomList).toBe(false);
      expect([...(claims.video?.canPublishSources ?? [])].sort()).toEqual([
        "camera",
        "microphone",
        "screen_share",
        "screen_share_audio",
      ]);
      // Nothing personal travels to LiveKit.
      const text = JSON.stringify(claims);
      expect(text).not.toContain("Ulla");
      expect(text).not.toContain("Aino");
      expect(text).not.toContain("@");
      expect(claims.name ?? "").toBe("");
      // Short TTL: ten minutes.
      expect(Number(claims.exp) - Number(claims.nbf)).toBe(600);
    }
    expect(supClaims.video?.roomAdmin).toBe(true);
    expect(parClaims.video?.roomAdmin ?? false).toBe(false);
    expect(parClaims.sub).not.toBe(supClaims.sub);
  });

  it("refuses a non-member, an unknown session and a signed-out caller", async () => {
    const { sessionId } = await supervisorWithGroup(piiri);
    const outsider = new TestPerson(piiri.url);
    await outsider.signUp("Outsider", uniqueEmail("outsider"));
    expect(await joinToken(outsider, sessionId)).toMatchObject({
      status: 403,
      body: { error: { code: "NOT_A_MEMBER" } },
    });
    expect(await joinToken(outsider, "00000000-0000-4000-8000-000000000000")).toMatchObject({
      status: 404,
      body: { error: { code: "SESSION_NOT_FOUND" } },
    });
    expect((await joinToken(new TestPerson(piiri.url), sessionId)).status).toBe(401);
  });

  it("refuses a member of one group a token for another group's session", async () => {
    const first = await supervisorWithGroup(piiri, "First Supervisor");
    const second = await supervisorWithGroup(piiri, "Second Supervisor");
    expect((await joinToken(first.supervisor, second.sessionId)).status).toBe(403);
  });

  it("issues no token for an ended session", async () => {
    const { supervisor, sessionId } = await supervisorWithGroup(piiri);
    await piiri.deps.prisma.session.update({ where: { id: sessionId }, data: { status: "ended" } });
    expect(await joinToken(supervisor, sessionId)).toMatchObject({
      status: 409,
      body: { error: { code: "SESSION_NOT_JOINABLE" } },
    });
  });
});
