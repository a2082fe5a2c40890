import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPiiri } from "./testing/harness.ts";
import { supervisorWithGroup } from "./testing/scenario.ts";
import type { RunningPiiri } from "./server.ts";
import type { TestPerson } from "./testing/harness.ts";
import { daysFromNow } from "./testing/dates.ts";

let piiri: RunningPiiri;
let supervisor: TestPerson;
beforeAll(async () => {
  piiri = await startTestPiiri();
  ({ supervisor } = await supervisorWithGroup(piiri));
});
afterAll(async () => {
  await piiri.close();
});

async function rowCounts() {
  const p = piiri.deps.prisma;
  return {
    groups: await p.supervisionGroup.count(),
    sessions: await p.session.count(),
    invitations: await p.invitation.count(),
    users: await p.user.count(),
  };
}

async function postRaw(body: string, contentType = "application/json", origin?: string) {
  const response = await supervisor.fetch(`${piiri.url}/api/groups`, {
    method: "POST",
    headers: { "content-type": contentType, ...(origin ? { origin } : {}) },
    body,
  });
  return {
    status: response.status,
    body: (await response.json()) as { error: { code: string; message: string } },
  };
}

describe("bad input gets a clear 4xx, writes nothing, and the server keeps serving", () => {
  it.each([
    ["malformed JSON", () => postRaw("{not json"), 400, "BAD_REQUEST"],
    [
      "missing fields",
      () => postRaw(JSON.stringify({ name: "No kind" })),
      400,
      "VALIDATION_FAILED",
    ],
    [
      "a wrong type",
      () =>
        postRaw(JSON.stringify({ name: 5, kind: "group", firstSession: { startsAt: "tomorrow" } })),
      400,
      "VALIDATION_FAILED",
    ],
    [
      "an oversized body",
      () => postRaw(JSON.stringify({ name: "x".repeat(70_000) })),
      413,
      "PAYLOAD_TOO_LARGE",
    ],
    [
      "a form body",
      () => postRaw("name=x&kind=group", "application/x-www-form-urlencoded"),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    ],
    ["a text/plain body", () => postRaw("{}", "text/plain"), 415, "UNSUPPORTED_MEDIA_TYPE"],
    [
      "another site's origin",
      () =>
        postRaw(
          JSON.stringify({
            name: "x",
            kind: "group",
            firstSession: { startsAt: daysFromNow(7) },
          }),
          "application/json",
          "https://evil.example",
        ),
      403,
      "FORBIDDEN",
    ],
  ] as const)("%s", async (_name, send, status, code) => {
    const before = await rowCounts();
    const result = await send();
    expect(result.status).toBe(status);
    expect(result.body.error.code).toBe(code);
    expect(result.body.error.message).toBeTruthy();
    expect(await rowCounts()).toEqual(before);
    const health = await supervisor.fetch(`${piiri.url}/api/health`);
    expect(health.status).toBe(200);
  });

  it("lists what is wrong with each field", async () => {
    const result = await postRaw(JSON.stringify({ name: "", kind: "therapy", firstSession: {} }));
    const issues = (result.body.error as unknown as { issues: { path: string }[] }).issues.map(
      (i) => i.path,
    );
    expect(issues).toEqual(expect.arrayContaining(["name", "kind", "firstSession.startsAt"]));
  });

  it("answers unknown API paths with a JSON 404 and bad ids as not found", async () => {
    const unknown = await supervisor.fetch(`${piiri.url}/api/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    const badId = await supervisor.fetch(`${piiri.url}/api/groups/not-a-uuid`);
    expect(badId.status).toBe(404);
  });

  it("sends a CSP that allows no third-party origin and no referrer", async () => {
    const response = await supervisor.fetch(`${piiri.url}/api/health`);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self' ws://localhost:7880 http://localhost:7880");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  });
});
