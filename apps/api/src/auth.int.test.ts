import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPiiri, TestPerson } from "./testing/harness.ts";
import { uniqueEmail } from "./testing/scenario.ts";
import type { RunningPiiri } from "./server.ts";

let piiri: RunningPiiri;
beforeAll(async () => {
  piiri = await startTestPiiri();
});
afterAll(async () => {
  await piiri.close();
});

describe("accounts", () => {
  it("signs a supervisor up, then in with an http-only session cookie, and knows them afterwards", async () => {
    const person = new TestPerson(piiri.url);
    const email = uniqueEmail("ulla");
    const response = await person.post("/api/auth/sign-up/email", {
      name: "Ulla",
      email,
      password: "salasana-123",
    });
    expect(response.status).toBe(200);
    // Sign-up alone does not sign in (its answer must not depend on the email being new).
    expect(response.headers.getSetCookie().some((c) => c.includes("session_token"))).toBe(false);
    const signIn = await person.post("/api/auth/sign-in/email", {
      email,
      password: "salasana-123",
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.getSetCookie().find((c) => c.includes("session_token"));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const groups = await person.api.groups.$get();
    expect(groups.status).toBe(200);
    expect(await groups.json()).toEqual({ groups: [] });
  });

  it("stores only a password hash", async () => {
    const person = new TestPerson(piiri.url);
    const email = uniqueEmail("hash");
    await person.signUp("Hash", email, "salasana-123");
    const account = await piiri.deps.prisma.account.findFirst({ where: { user: { email } } });
    expect(account?.password).toBeTruthy();
    expect(account?.password).not.toContain("salasana-123");
  });

  it("signs in with the right password only", async () => {
    const email = uniqueEmail("signin");
    await new TestPerson(piiri.url).signUp("Signin", email, "oikea-salasana");
    const wrong = await new TestPerson(piiri.url).post("/api/auth/sign-in/email", {
      email,
      password: "väärä-salasana",
    });
    expect(wrong.status).toBe(401);

    const person = new TestPerson(piiri.url);
    const right = await person.post("/api/auth/sign-in/email", {
      email,
      password: "oikea-salasana",
    });
    expect(right.status).toBe(200);
    expect((await person.api.groups.$get()).status).toBe(200);
  });

  it("refuses a too-short password; a taken email gets no second account", async () => {
    const email = uniqueEmail("dup");
    const short = await new TestPerson(piiri.url).post("/api/auth/sign-up/email", {
      name: "Short",
      email,
      password: "lyhyt",
    });
    expect(short.status).toBe(400);
    await new TestPerson(piiri.url).signUp("First", email);
    const again = await new TestPerson(piiri.url).post("/api/auth/sign-up/email", {
      name: "Second",
      email,
      password: "salasana-123",
    });
    expect(again.status).toBe(200);
    expect(await piiri.deps.prisma.user.count({ where: { email } })).toBe(1);
    const user = await piiri.deps.prisma.user.findUniqueOrThrow({ where: { email } });
    expect(user.name).toBe("First");
  });

  it("answers 401 UNAUTHENTICATED to a signed-out caller, and after sign-out", async () => {
    const anonymous = new TestPerson(piiri.url);
    const response = await anonymous.api.groups.$get();
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });

    const person = new TestPerson(piiri.url);
    await person.signUp("Leaving", uniqueEmail("leaving"));
    expect((await person.post("/api/auth/sign-out", {})).status).toBe(200);
    expect((await person.api.groups.$get()).status).toBe(401);
  });

  it("refuses a sign-up posted from another site", async () => {
    const response = await new TestPerson(piiri.url).fetch(`${piiri.url}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body: JSON.stringify({ name: "Evil", email: uniqueEmail("evil"), password: "salasana-123" }),
    });
    expect(response.status).toBe(403);
  });
});
