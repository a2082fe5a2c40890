import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { startTestPiiri, testClock, TestPerson } from "./testing/harness.ts";
import { acceptAsNewcomer, invite, supervisorWithGroup, uniqueEmail } from "./testing/scenario.ts";
import type { RunningPiiri } from "./server.ts";

const clock = testClock();
let piiri: RunningPiiri;
beforeAll(async () => {
  piiri = await startTestPiiri(clock);
});
afterAll(async () => {
  await piiri.close();
});

const DAY = 24 * 60 * 60 * 1000;

async function acceptStatus(person: TestPerson, token: string, displayName = "Aino") {
  const response = await person.api.invitations.accept.$post({
    json: { token, displayName, email: uniqueEmail("accept") },
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe("invitations", () => {
  it("stores only the token's hash and shows a preview to the link holder", async () => {
    const { supervisor, group } = await supervisorWithGroup(piiri, "Ulla Ohjaaja");
    const { token, invitationId } = await invite(supervisor, group.id, { label: "Aino" });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const row = await piiri.deps.prisma.invitation.findUniqueOrThrow({
      where: { id: invitationId },
    });
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token);

    const preview = await new TestPerson(piiri.url).api.invitations[":token"].$get({
      param: { token },
    });
    expect(await preview.json()).toEqual({
      invitation: {
        groupName: "Sosiaalityön tiimi",
        groupKind: "group",
        supervisorName: "Ulla Ohjaaja",
        status: "active",
      },
    });
  });

  it("makes a newcomer a participant, signed in by cookie, with no other sign-up", async () => {
    const { supervisor, group, sessionId } = await supervisorWithGroup(piiri);
    const { token } = await invite(supervisor, group.id);
    const aino = new TestPerson(piiri.url);
    const response = await aino.api.invitations.accept.$post({
      json: { token, displayName: "Aino Aalto", email: "Aino.Aalto@Example.fi" },
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      status: "joined",
      groupId: group.id,
      nextSessionId: sessionId,
    });

    const detail = await (
      await aino.api.groups[":groupId"].$get({ param: { groupId: group.id } })
    ).json();
    expect(detail.group.myRole).toBe("participant");
    expect(detail.group.members.map((m) => [m.displayName, m.role])).toEqual([
      ["Ulla Ohjaaja", "supervisor"],
      ["Aino Aalto", "participant"],
    ]);
    const user = await piiri.deps.prisma.user.findUniqueOrThrow({
      where: { email: "aino.aalto@example.fi" },
    });
    expect(await piiri.deps.prisma.account.count({ where: { userId: user.id } })).toBe(0);
  });

  it("refuses a used single-use link, and writes nothing", async () => {
    const { supervisor, group } = await supervisorWithGroup(piiri);
    const { token } = await invite(supervisor, group.id);
    await acceptAsNewcomer(piiri, token, "First");
    const users = await piiri.deps.prisma.user.count();
    const again = await acceptStatus(new TestPerson(piiri.url), token, "Second");
    expect(again).toMatchObject({ status: 410, body: { error: { code: "INVITATION_USED_UP" } } });
    expect(await piiri.deps.prisma.user.count()).toBe(users);
    expect(await piiri.deps.prisma.membership.count({ where: { groupId: group.id } })).toBe(2);
  });

  it("lets exactly one of two people racing for a single-use link in", async () => {
    const { supervisor, group } = await supervisorWithGroup(piiri);
    const { token } = await invite(supervisor, group.id);
    const results = await Promise.all([
      acceptStatus(new TestPerson(piiri.url), token, "Racer A"),
      acceptStatus(new TestPerson(piiri.url), token, "Racer B"),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 410]);
    expect(await piiri.deps.prisma.membership.count({ where: { groupId: group.id } })).toBe(2);
  });

  it("admits as many people as a multi-use link allows", async () => {
    const { supervisor, group } = await supervisorWithGroup(piiri);
    const { token } = await invite(supervisor, group.id, { maxUses: 2 });
    expect((await acceptStatus(new TestPerson(piiri.url), token)).status).toBe(201);
    expect((await acceptStatus(new TestPerson(piiri.url), token)).status).toBe(201);
    expect((await acceptStatus(new TestPerson(piiri.url), token)).status).toBe(410);
  });

  it("refuses an expired link", async () => {
    const { supervisor, group } = await supervisorWithGroup(piiri);
    const { token } = await invite(supervisor, group.id, { expiresInDays: 1 });
    clock.advance(DAY + 1000);
    try {
      const result = await acceptStatus(new TestPerson(piiri.url), token);
      expect(result).toMatchObject({
        status: 410,
        body: { error: { code: "INVITATION_EXPIRED" } },
      });
      const preview = await new TestPerson(piiri.url).api.invitations[":token"].$get({
        param: { token },
      });
      expect(await preview.json()).toMatchObject({ invitation: { status: "expired" } });
    } finally {
      clock.advance(-(DAY + 1000));
    }
  });

  it("refuses a revoked link and shows the revocation in the list", async () => {
    const { supervisor, group } = await supervisorWithGroup(piiri);
    const { token, invitationId } = await invite(supervisor, group.id);
    const revoked = await supervisor.api.groups[":groupId"].invitations[":invitationId"].$delete({
      param: { groupId: group.id, invitationId },
    });
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toMatchObject({ invitation: { status: "revoked" } });
    const result = await acceptStatus(new TestPerson(piiri.url), token);
    expect(result).toMatchObject({ status: 410, body: { error: { code: "INVITATION_REVOKED" } } });

    const list = await (
      await supervisor.api.groups[":groupId"].invitations.$get({ param: { groupId: group.id } })
    ).json();
    expect(list.invitations.map((i) => i.status)).toEqual(["revoked"]);
  });

  it("answers INVITATION_NOT_FOUND for an unknown token", async () => {
    const token = "x".repeat(43);
    const preview = await new TestPerson(piiri.url).api.invitations[":token"].$get({
      param: { token },
    });
    expect(preview.status).toBe(404);
    expect((await acceptStatus(new TestPerson(piiri.url), token)).status).toBe(404);
  });

  it("will not sign a stranger in as an existing account by its email", async () => {
    const { supervisor, group } = await supervisorWithGroup(piiri);
    const { token } = await invite(supervisor, group.id);
    const email = uniqueEmail("existing");
    await new TestPerson(piiri.url).signUp("Existing", email);
    const stranger = new TestPerson(piiri.url);
    const response = await stranger.api.invitations.accept.$post({
      json: { token, displayName: "Imposter", email },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "signInRequired" });
    expect(stranger.cookieHeader).toBe("");
    // The refused attempt did not consume the single use.
    expect((await acceptStatus(new TestPerson(piiri.url), token)).status).toBe(201);
  });

  it("adds a signed-in person as themselves, and a second accept changes nothing", async () => {
    const { supervisor, group } = await supervisorWithGroup(piiri);
    const { token } = await invite(supervisor, group.id, { maxUses: 5 });
    const member = new TestPerson(piiri.url);
    await member.signUp("Signed In", uniqueEmail("signedin"));
    const first = await member.api.invitations.accept.$post({
      json: { token, displayName: "Signed In", email: uniqueEmail("ignored") },
    });
    expect(first.status).toBe(201);
    const second = await member.api.invitations.accept.$post({
      json: { token, displayName: "Signed In", email: uniqueEmail("ignored") },
    });
    expect(second.status).toBe(200);
    const row = await piiri.deps.prisma.invitation.findFirstOrThrow({
      where: { groupId: group.id },
    });
    expect(row.useCount).toBe(1);
  });

  it("keeps invitation management to the group's supervisor", async () => {
    const { supervisor, group } = await supervisorWithGroup(piiri);
    const { token, invitationId } = await invite(supervisor, group.id);
    const participant = await acceptAsNewcomer(piiri, token, "Participant");
    const create = await participant.api.groups[":groupId"].invitations.$post({
      param: { groupId: group.id },
      json: { maxUses: 1, expiresInDays: 7 },
    });
    expect(create.status).toBe(403);
    const list = await participant.api.groups[":groupId"].invitations.$get({
      param: { groupId: group.id },
    });
    expect(list.status).toBe(403);
    const revoke = await participant.api.groups[":groupId"].invitations[":invitationId"].$delete({
      param: { groupId: group.id, invitationId },
    });
    expect(revoke.status).toBe(403);

    const { supervisor: other } = await supervisorWithGroup(piiri, "Other Supervisor");
    const foreign = await other.api.groups[":groupId"].invitations.$post({
      param: { groupId: group.id },
      json: { maxUses: 1, expiresInDays: 7 },
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ error: { code: "NOT_A_MEMBER" } });
  });
});
