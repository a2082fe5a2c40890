import type { GroupDetail } from "@piiri/protocol/groups";
import type { CreateInvitationBody } from "@piiri/protocol/invitations";
import type { RunningPiiri } from "../server.ts";
import { TestPerson } from "./harness.ts";
import { minutesFromNow } from "./dates.ts";

let counter = 0;
/** A unique email per call, so tests sharing one server never collide. */
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}.${process.pid}.${counter}@example.fi`;
}

/**
 * The fixture group's first session starts a few minutes after the test run starts, so on any
 * date it is the group's next session and can be entered (tests that need time to pass move
 * their injected clock).
 */
export const FIRST_SESSION = { startsAt: minutesFromNow(5), durationMinutes: 90 };

export async function supervisorWithGroup(
  piiri: RunningPiiri,
  name = "Ulla Ohjaaja",
): Promise<{ supervisor: TestPerson; group: GroupDetail; sessionId: string }> {
  const supervisor = new TestPerson(piiri.url);
  await supervisor.signUp(name, uniqueEmail("supervisor"));
  const response = await supervisor.api.groups.$post({
    json: { name: "Sosiaalityön tiimi", kind: "group", firstSession: FIRST_SESSION },
  });
  if (response.status !== 201) throw new Error(`group creation failed: ${await response.text()}`);
  const { group } = await response.json();
  const sessionId = group.sessions[0]?.id;
  if (!sessionId) throw new Error("the group has no first session");
  return { supervisor, group, sessionId };
}

export async function invite(
  supervisor: TestPerson,
  groupId: string,
  body: Partial<CreateInvitationBody> = {},
): Promise<{ token: string; invitationId: string }> {
  const response = await supervisor.api.groups[":groupId"].invitations.$post({
    param: { groupId },
    json: { maxUses: 1, expiresInDays: 7, ...body },
  });
  if (response.status !== 201) throw new Error(`invitation failed: ${await response.text()}`);
  const created = await response.json();
  return { token: created.token, invitationId: created.invitation.id };
}

export async function acceptAsNewcomer(
  piiri: RunningPiiri,
  token: string,
  displayName: string,
): Promise<TestPerson> {
  const person = new TestPerson(piiri.url);
  const response = await person.api.invitations.accept.$post({
    json: { token, displayName, email: uniqueEmail(displayName.toLowerCase().replace(/\W/g, "")) },
  });
  if (response.status !== 201) throw new Error(`accept failed: ${await response.text()}`);
  return person;
}

/** The supervisor turns the group's lobby on or off (tests of other features run without it). */
export async function setLobby(
  supervisor: TestPerson,
  groupId: string,
  lobbyEnabled: boolean,
): Promise<void> {
  const response = await supervisor.api.groups[":groupId"]["live-settings"].$put({
    param: { groupId },
    json: { lobbyEnabled },
  });
  if (response.status !== 200) throw new Error(`lobby setting failed: ${await response.text()}`);
}
