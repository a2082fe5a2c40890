// Names and titles people type go through one rule (@piiri/protocol/text) on every route that
// takes one: cleaned (trimmed, bidi controls removed) or refused (invisible, too long).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPiiri, TestPerson } from "./testing/harness.ts";
import { invite, supervisorWithGroup, uniqueEmail } from "./testing/scenario.ts";
import type { RunningPiiri } from "./server.ts";

let piiri: RunningPiiri;
beforeAll(async () => {
  piiri = await startTestPiiri();
});
afterAll(async () => {
  await piiri.close();
});

const RLO = "\u202E";
const PDF = "\u202C";
const LRI = "\u2066";
const PDI = "\u2069";
const ZERO_WIDTH = "\u200B\u200C\u200D";
const COMBINING_ONLY = "\u0301\u0308";

async function errorCode(response: Response): Promise<string | undefined> {
  const body = (await response.json()) as { error?: { code?: string }; code?: string };
  return body.error?.code ?? body.code;
}

describe("sign-up name", () => {
  it("is stored cleaned: trimmed, bidi overrides removed", async () => {
    const email = uniqueEmail("bidi");
    const response = await new TestPerson(piiri.url).post("/api/auth/sign-up/email", {
      name: `  ${RLO}Aino${PDF}   Virtanen `,
      email,
      password: "salasana-123",
    });
    expect(response.status).toBe(200);
    const user = await piiri.deps.prisma.user.findUniqueOrThrow({ where: { email } });
    expect(user.name).toBe("Aino Virtanen");
  });

  it("is refused when invisible or longer than 80 characters, and no account is made", async () => {
    for (const name of [ZERO_WIDTH, COMBINING_ONLY, `${RLO}${PDF}`, "   ", "a".repeat(81)]) {
      const email = uniqueEmail("badname");
      const response = await new TestPerson(piiri.url).post("/api/auth/sign-up/email", {
        name,
        email,
        password: "salasana-123",
      });
      expect(response.status, JSON.stringify(name)).toBe(400);
      expect(await errorCode(response)).toBe("VALIDATION_FAILED");
      expect(await piiri.deps.prisma.user.count({ where: { email } })).toBe(0);
    }
  });

  it("follows the same rule when a person renames themselves", async () => {
    const person = new TestPerson(piiri.url);
    const email = uniqueEmail("rename");
    await person.signUp("Ennen", email);
    const invisible = await person.post("/api/auth/update-user", { name: ZERO_WIDTH });
    expect(invisible.status).toBe(400);
    const cleaned = await person.post("/api/auth/update-user", { name: ` ${LRI}Jälkeen${PDI} ` });
    expect(cleaned.status).toBe(200);
    const user = await piiri.deps.prisma.user.findUniqueOrThrow({ where: { email } });
    expect(user.name).toBe("Jälkeen");
  });
});

describe("group, invitation and agenda names", () => {
  it("cleans a group name and refuses an invisible one", async () => {
    const { supervisor } = await supervisorWithGroup(piiri);
    const startsAt = new Date(Date.now() + 7 * 24 * 3600_000).toISOString();
    const created = await supervisor.api.groups.$post({
      json: {
        name: `${RLO}Tiimi${PDF}  A`,
        kind: "group",
        firstSession: { startsAt, durationMinutes: 90 },
      },
    });
    expect(created.status).toBe(201);
    expect((await created.json()).group.name).toBe("Tiimi A");
    const invisible = await supervisor.api.groups.$post({
      json: {
        name: COMBINING_ONLY,
        kind: "group",
        firstSession: { startsAt, durationMinutes: 90 },
      },
    });
    expect(invisible.status).toBe(400);
  });

  it("cleans an invitation's label (empty means none) and refuses an invisible one", async () => {
    const { supervisor, group } = await supervisorWithGroup(piiri);
    const post = (label: string) =>
      supervisor.api.groups[":groupId"].invitations.$post({
        param: { groupId: group.id },
        json: { label, maxUses: 1, expiresInDays: 7 },
      });
    const labelled = await post(`${LRI}Aino${PDI}`);
    expect(labelled.status).toBe(201);
    if (labelled.status === 201) expect((await labelled.json()).invitation.label).toBe("Aino");
    const empty = await post("");
    expect(empty.status).toBe(201);
    if (empty.status === 201) expect((await empty.json()).invitation.label).toBeNull();
    expect((await post(ZERO_WIDTH)).status).toBe(400);
  });

  it("cleans the display name given when accepting and refuses an invisible one", async () => {
    const { supervisor, group } = await supervisorWithGroup(piiri);
    const { token } = await invite(supervisor, group.id, { maxUses: 2 });
    const refused = await new TestPerson(piiri.url).api.invitations.accept.$post({
      json: { token, displayName: `${ZERO_WIDTH}${COMBINING_ONLY}`, email: uniqueEmail("inv") },
    });
    expect(refused.status).toBe(400);
    const aino = new TestPerson(piiri.url);
    const accepted = await aino.api.invitations.accept.$post({
      json: { token, displayName: ` ${RLO}Aino${PDF} `, email: uniqueEmail("inv") },
    });
    expect(accepted.status).toBe(201);
    const detail = await (
      await aino.api.groups[":groupId"].$get({ param: { groupId: group.id } })
    ).json();
    expect(detail.group.members.map((member) => member.displayName)).toContain("Aino");
    // The refused attempt used nothing up: one use is still left.
    const row = await piiri.deps.prisma.invitation.findFirstOrThrow({
      where: { groupId: group.id },
    });
    expect(row.useCount).toBe(1);
  });

  it("cleans agenda phase titles and refuses an invisible one", async () => {
    const { supervisor, sessionId } = await supervisorWithGroup(piiri);
    const put = (title: string) =>
      supervisor.api.sessions[":sessionId"].agenda.$put({
        param: { sessionId },
        json: {
          phases: [{ key: null, title, kind: "open", plannedSeconds: 600, presenterId: null }],
        },
      });
    const cleaned = await put(`  ${LRI}Avaus${PDI}  `);
    expect(cleaned.status).toBe(200);
    if (cleaned.status === 200) {
      expect((await cleaned.json()).state.phases.map((phase) => phase.title)).toEqual(["Avaus"]);
    }
    expect((await put(ZERO_WIDTH)).status).toBe(400);
  });
});
