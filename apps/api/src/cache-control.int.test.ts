// Every API answer may carry personal data (names, attendance, the board, the auth session), so
// none may be kept by a browser or proxy cache. The web app's static files keep their caching.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPiiri, TestPerson } from "./testing/harness.ts";
import { supervisorWithGroup } from "./testing/scenario.ts";
import type { RunningPiiri } from "./server.ts";

let piiri: RunningPiiri;
beforeAll(async () => {
  piiri = await startTestPiiri();
});
afterAll(async () => {
  await piiri.close();
});

describe("Cache-Control", () => {
  it("is no-store on every API answer: data, exports, the board, the auth session, errors", async () => {
    const { supervisor, group, sessionId } = await supervisorWithGroup(piiri);
    const paths = [
      `/api/groups/${group.id}`,
      `/api/groups`,
      `/api/sessions/${sessionId}`,
      `/api/sessions/${sessionId}/attendance`,
      `/api/sessions/${sessionId}/attendance.csv`,
      `/api/groups/${group.id}/attendance.csv`,
      `/api/groups/${group.id}/board`,
      `/api/sessions/${sessionId}/agenda`,
      `/api/groups/${group.id}/invitations`,
      `/api/auth/get-session`,
      `/api/no-such-route`,
    ];
    for (const path of paths) {
      const response = await supervisor.fetch(`${piiri.url}${path}`);
      expect(response.headers.get("cache-control"), path).toBe("no-store");
    }
    // Refusals and errors too.
    const signedOut = await new TestPerson(piiri.url).fetch(`${piiri.url}/api/groups/${group.id}`);
    expect(signedOut.status).toBe(401);
    expect(signedOut.headers.get("cache-control")).toBe("no-store");
    const wrongPassword = await new TestPerson(piiri.url).post("/api/auth/sign-in/email", {
      email: "nobody@example.fi",
      password: "arvattu-salasana",
    });
    expect(wrongPassword.headers.get("cache-control")).toBe("no-store");
  });

  it("leaves the web app's pages and assets to their own caching", async () => {
    const page = await fetch(`${piiri.url}/groups`);
    expect(page.headers.get("cache-control")).not.toBe("no-store");
  });
});
