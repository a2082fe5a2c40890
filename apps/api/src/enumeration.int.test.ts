// Whether an email has an account must not be something anyone can ask Piiri freely: sign-up
// answers alike for a new and a taken email, and an invitation link gives the "sign in first"
// answer for only a handful of addresses (then refuses every signed-out accept alike).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPiiri, TestPerson } from "./testing/harness.ts";
import { acceptAsNewcomer, invite, supervisorWithGroup, uniqueEmail } from "./testing/scenario.ts";
import type { RunningPiiri } from "./server.ts";

let piiri: RunningPiiri;
beforeAll(async () => {
  piiri = await startTestPiiri();
});
afterAll(async () => {
  await piiri.close();
});

/** The shape of a JSON value: its keys and the types of its leaves, not their contents. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, inner]) => [key, shape(inner)]),
    );
  }
  return value === null ? "null" : typeof value;
}

describe("sign-up", () => {
  it("answers a taken email exactly as a new one: same status, same shape, no session", async () => {
    const taken = uniqueEmail("taken");
    await new TestPerson(piiri.url).signUp("Olemassa", taken);
    const signUp = (email: string) =>
      new TestPerson(piiri.url).post("/api/auth/sign-up/email", {
        name: "Kokeilija",
        email,
        password: "salasana-123",
      });
    const [fresh, existing] = await Promise.all([signUp(uniqueEmail("fresh")), signUp(taken)]);
    expect(existing.status).toBe(fresh.status);
    expect(existing.headers.getSetCookie()).toEqual([]);
    expect(fresh.headers.getSetCookie()).toEqual([]);
    const [freshBody, existingBody] = [await fresh.json(), await existing.json()];
    expect(shape(existingBody)).toEqual(shape(freshBody));
    expect(existingBody).toMatchObject({ token: null, user: { email: taken, name: "Kokeilija" } });
  });
});

describe("accepting an invitation with an email that has an account", () => {
  /** Accounts made through another group's link (no password hashing: quick). */
  async function existingAccounts(count: number): Promise<string[]> {
    const { supervisor, group } = await supervisorWithGroup(piiri, "Toinen Ohjaaja");
    const { token } = await invite(supervisor, group.id, { maxUses: count });
    const emails: string[] = [];
    for (let i = 0; i < count; i++) {
      const email = uniqueEmail(`member${i}`);
      const response = await new TestPerson(piiri.url).api.invitations.accept.$post({
        json: { token, displayName: `Jäsen ${i}`, email },
      });
      expect(response.status).toBe(201);
      emails.push(email);
    }
    return emails;
  }

  it("answers signInRequired for a handful of addresses, then refuses every signed-out accept", async () => {
    const emails = await existingAccounts(11);
    const { supervisor, group } = await supervisorWithGroup(piiri);
    const { token } = await invite(supervisor, group.id, { maxUses: 5 });
    const accept = (email: string) =>
      // Each attempt from an address of its own: the link's own limit is what holds.
      new TestPerson(piiri.url).api.invitations.accept.$post({
        json: { token, displayName: "Utelias", email },
      });

    // Ten different addresses, and (in between) the first one again: a person retrying their
    // own address counts once.
    for (const email of [...emails.slice(0, 5), emails[0] ?? "", ...emails.slice(5, 10)]) {
      const response = await accept(email);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: "signInRequired" });
    }

    // The eleventh different address: no answer about it, and none about a new address either.
    const eleventh = await accept(emails[10] ?? "");
    expect(eleventh.status).toBe(429);
    expect(await eleventh.json()).toMatchObject({ error: { code: "RATE_LIMITED" } });
    const newcomer = await accept(uniqueEmail("newcomer"));
    expect(newcomer.status).toBe(429);

    // Nothing was used up, and a signed-in member can still use the link.
    const member = await acceptAsNewcomerElsewhere();
    const joined = await member.api.invitations.accept.$post({
      json: { token, displayName: "Kirjautunut", email: uniqueEmail("ignored") },
    });
    expect(joined.status).toBe(201);
    const row = await piiri.deps.prisma.invitation.findFirstOrThrow({
      where: { groupId: group.id },
    });
    expect(row.useCount).toBe(1);
  });

  /** A signed-in person (joined another group through its link). */
  async function acceptAsNewcomerElsewhere(): Promise<TestPerson> {
    const { supervisor, group } = await supervisorWithGroup(piiri, "Kolmas Ohjaaja");
    const { token } = await invite(supervisor, group.id);
    return acceptAsNewcomer(piiri, token, "Kirjautunut");
  }

  it("limits accepts from one client address", async () => {
    const person = new TestPerson(piiri.url);
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const response = await person.api.invitations.accept.$post({
        json: { token: "x".repeat(43), displayName: "Kokeilija", email: uniqueEmail("probe") },
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([...Array<number>(30).fill(404), 429]);
  });
});
