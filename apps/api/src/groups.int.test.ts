import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPiiri, TestPerson } from "./testing/harness.ts";
import {
  acceptAsNewcomer,
  FIRST_SESSION,
  invite,
  supervisorWithGroup,
  uniqueEmail,
} from "./testing/scenario.ts";
import type { RunningPiiri } from "./server.ts";
import { daysFromNow } from "./testing/dates.ts";

let piiri: RunningPiiri;
beforeAll(async () => {
  piiri = await startTestPiiri();
});
afterAll(async () => {
  await piiri.close();
});

describe("supervision groups", () => {
  it("creates a group with its supervisor and first session", async () => {
    const { supervisor, group } = await supervisorWithGroup(piiri, "Ulla Ohjaaja");
    expect(group).toMatchObject({
      name: "Sosiaalityön tiimi",
      kind: "group",
      myRole: "supervisor",
    });
    expect(group.members).toEqual([
      expect.objectContaining({ displayName: "Ulla Ohjaaja", role: "supervisor" }),
    ]);
    expect(group.sessions).toEqual([
      expect.objectContaining({
        startsAt: new Date(FIRST_SESSION.startsAt).toISOString(),
        durationMinutes: 90,
        status: "scheduled",
      }),
    ]);

    const list = await (await supervisor.api.groups.$get()).json();
    expect(list.groups).toEqual([
      expect.objectContaining({ id: group.id, myRole: "supervisor", memberCount: 1 }),
    ]);
  });

  it("defaults the session length to 90 minutes", async () => {
    const person = new TestPerson(piiri.url);
    await person.signUp("Default", uniqueEmail("default"));
    const response = await person.api.groups.$post({
      json: {
        name: "Mediation",
        kind: "mediation",
        firstSession: { startsAt: FIRST_SESSION.startsAt },
      } as never,
    });
    expect(response.status).toBe(201);
    const { group } = await response.json();
    expect(group.sessions[0]?.durationMinutes).toBe(90);
  });

  it("lets the supervisor schedule more sessions, and not a participant", async () => {
    const { supervisor, group } = await supervisorWithGroup(piiri);
    const scheduled = await supervisor.api.groups[":groupId"].sessions.$post({
      param: { groupId: group.id },
      json: { startsAt: daysFromNow(28), durationMinutes: 120 },
    });
    expect(scheduled.status).toBe(201);

    const { token } = await invite(supervisor, group.id);
    const participant = await acceptAsNewcomer(piiri, token, "Aino");
    const refused = await participant.api.groups[":groupId"].sessions.$post({
      param: { groupId: group.id },
      json: { startsAt: daysFromNow(56), durationMinutes: 90 },
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "NOT_SUPERVISOR" } });

    const detail = await (
      await participant.api.groups[":groupId"].$get({ param: { groupId: group.id } })
    ).json();
    expect(detail.group.sessions).toHaveLength(2);
    expect(detail.group.myRole).toBe("participant");
  });

  it("refuses a signed-in non-member and tells an unknown group apart", async () => {
    const { group } = await supervisorWithGroup(piiri);
    const outsider = new TestPerson(piiri.url);
    await outsider.signUp("Outsider", uniqueEmail("outsider"));

    const refused = await outsider.api.groups[":groupId"].$get({ param: { groupId: group.id } });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "NOT_A_MEMBER" } });

    const unknown = await outsider.api.groups[":groupId"].$get({
      param: { groupId: "00000000-0000-4000-8000-000000000000" },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "GROUP_NOT_FOUND" } });

    const list = await (await outsider.api.groups.$get()).json();
    expect(list.groups).toEqual([]);
  });
});
