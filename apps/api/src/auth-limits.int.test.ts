// Sign-in and sign-up are limited per client address (better-auth's limiter, counted in the
// database) and per account, so a flood of guesses is refused cheaply instead of queueing every
// other person's sign-in behind its password hashing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestPiiri, testClock, TestPerson } from "./testing/harness.ts";
import { uniqueEmail } from "./testing/scenario.ts";
import type { RunningPiiri } from "./server.ts";

// Every simulated person comes from an address of their own (see startTestPiiri), so tests
// sharing this server do not share address limits; emails are unique, so nor account limits.
const clock = testClock();
let piiri: RunningPiiri;
beforeAll(async () => {
  piiri = await startTestPiiri(clock);
});
afterAll(async () => {
  await piiri.close();
});

const running: RunningPiiri[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.close();
});

async function start(env: Record<string, string>): Promise<RunningPiiri> {
  const server = await startTestPiiri(undefined, { env });
  running.push(server);
  return server;
}

const SIGN_IN = "/api/auth/sign-in/email";
const signIn = (person: TestPerson, email: string, password: string) =>
  person.post(SIGN_IN, { email, password });

describe("sign-in limits", () => {
  it("refuses a flood of wrong passwords with 429 while another person signs in", async () => {
    const target = uniqueEmail("target");
    await new TestPerson(piiri.url).signUp("Target", target);
    const otherEmail = uniqueEmail("other");
    await new TestPerson(piiri.url).signUp("Other", otherEmail, "toinen-salasana");

    const attacker = new TestPerson(piiri.url);
    const answered: string[] = [];
    const flood = Array.from({ length: 60 }, async () => {
      const response = await signIn(attacker, target, "arvattu-salasana");
      answered.push(response.status === 401 ? "checked" : String(response.status));
      return response;
    });
    const other = signIn(new TestPerson(piiri.url), otherEmail, "toinen-salasana").then(
      (response) => {
        answered.push("other");
        return response;
      },
    );
    const responses = await Promise.all(flood);
    expect((await other).status).toBe(200);

    const statuses = responses.map((response) => response.status);
    // At most 10 guesses a minute from one address reach a password check; the rest are refused.
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(50);
    // The other person's password was checked after at most those few guesses, not the flood.
    const checkedBefore = answered.slice(0, answered.indexOf("other"));
    expect(checkedBefore.filter((entry) => entry === "checked").length).toBeLessThanOrEqual(10);

    const refused = responses.find((response) => response.status === 429);
    expect(refused?.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
    expect(await refused?.json()).toMatchObject({
      error: { code: "RATE_LIMITED", retryAfterSeconds: expect.any(Number) as number },
    });
  }, 60_000);

  it("limits one account across many addresses, until its window has passed", async () => {
    const email = uniqueEmail("account");
    // Signing up signs in once: one of the account's ten attempts.
    await new TestPerson(piiri.url).signUp("Account", email, "oikea-salasana");
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await signIn(new TestPerson(piiri.url), email, "väärä-salasana")).status);
    }
    expect(statuses).toEqual([...Array<number>(9).fill(401), 429, 429, 429]);
    // Even the right password, from yet another address, waits for the window.
    const locked = await signIn(new TestPerson(piiri.url), email, "oikea-salasana");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(60);

    clock.advance(15 * 60_000 + 1000);
    expect((await signIn(new TestPerson(piiri.url), email, "oikea-salasana")).status).toBe(200);
  });

  it("limits sign-ups per address", async () => {
    const person = new TestPerson(piiri.url);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await person.post("/api/auth/sign-up/email", {
        name: `Ohjaaja ${i}`,
        email: uniqueEmail("many"),
        password: "salasana-123",
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([...Array<number>(10).fill(200), 429]);
  });
});

describe("client address behind a proxy", () => {
  /** 11 guesses for different (unknown) emails, each claiming another X-Forwarded-For. */
  async function spoofingGuesses(server: RunningPiiri, forwardedFor: (i: number) => string) {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await new TestPerson(server.url).fetch(`${server.url}${SIGN_IN}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor(i) },
        body: JSON.stringify({ email: uniqueEmail("nobody"), password: "arvattu-salasana" }),
      });
      statuses.push(response.status);
    }
    return statuses;
  }
  const TEN_THEN_REFUSED = [...Array<number>(10).fill(401), 429];

  it("ignores X-Forwarded-For when no proxy is trusted", async () => {
    const direct = await start({ TRUSTED_PROXIES: "" });
    // All eleven come from this test's own address (loopback), whatever the header claims.
    expect(await spoofingGuesses(direct, (i) => `203.0.113.${i + 1}`)).toEqual(TEN_THEN_REFUSED);
  });

  it("reads the client from X-Forwarded-For when the peer is a trusted proxy", async () => {
    const proxied = await start({ TRUSTED_PROXIES: "127.0.0.1,::1" });
    // Each forwarded address is its own client.
    expect(await spoofingGuesses(proxied, (i) => `203.0.113.${i + 1}`)).toEqual(
      Array<number>(11).fill(401),
    );
  });

  it("reads the hop the trusted proxy added, not what the client put before it", async () => {
    // (The shared server trusts loopback as its proxy, as startTestPiiri sets up.)
    expect(await spoofingGuesses(piiri, (i) => `198.51.100.${i + 1}, 203.0.113.200`)).toEqual(
      TEN_THEN_REFUSED,
    );
  });
});
