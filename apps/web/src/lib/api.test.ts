import { afterEach, describe, expect, it, vi } from "vitest";
import { createGroup, getLiveKitJoin, getSession, listGroups, previewInvitation } from "./api.ts";
import { ApiError } from "./apiError.ts";

const GROUP_ID = "3f1c2a4e-8b7d-4c1e-9a2b-1c2d3e4f5a6b";
const SESSION_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const MEMBERSHIP_ID = "0b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e";

function respond(status: number, body: unknown) {
  const fetchMock = vi.fn(() =>
    Promise.resolve(
      new Response(JSON.stringify(body), {
        status,
        headers: { "Content-Type": "application/json" },
      }),
    ),
  );
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  const error: unknown = await promise.then(
    () => new Error("expected the call to fail"),
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw error;
  return error;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("api client", () => {
  it("turns Piiri's ErrorBody into an ApiError with its status and code", async () => {
    respond(403, { error: { code: "NOT_A_MEMBER", message: "not a member", requestId: "r1" } });
    const error = await caught(getSession(SESSION_ID));
    expect(error.status).toBe(403);
    expect(error.code).toBe("NOT_A_MEMBER");
  });

  it("reads better-auth's { code, message } errors too", async () => {
    respond(422, { code: "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL", message: "User already exists" });
    expect((await caught(listGroups())).code).toBe("USER_ALREADY_EXISTS");
  });

  it("falls back to the status when the body has no code it knows", async () => {
    respond(401, { error: { code: "SOMETHING_NEW", message: "?" } });
    expect((await caught(listGroups())).code).toBe("UNAUTHENTICATED");
    respond(502, "Bad gateway");
    expect((await caught(listGroups())).code).toBe("INTERNAL");
  });

  it("reports a network failure as NETWORK", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(() => Promise.reject(new TypeError("Failed to fetch"))),
    );
    const error = await caught(listGroups());
    expect(error).toMatchObject({ status: 0, code: "NETWORK" });
  });

  it("parses a success with the protocol schema and returns typed data", async () => {
    const group = {
      id: GROUP_ID,
      name: "Tiimi A",
      kind: "group",
      myRole: "supervisor",
      memberCount: 1,
      nextSession: null,
    };
    respond(200, { groups: [group] });
    await expect(listGroups()).resolves.toEqual([group]);
  });

  it("refuses a 2xx body that does not match the schema", async () => {
    respond(200, { groups: [{ id: "not-a-uuid", name: "x" }] });
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect((await caught(listGroups())).code).toBe("INVALID_RESPONSE");
  });

  it("sends JSON with the right content type, and {} when there is no body", async () => {
    const fetchMock = respond(200, {
      token: "jwt",
      url: "ws://127.0.0.1:7880",
      identity: MEMBERSHIP_ID,
      room: "room",
      expiresAt: "2026-12-01T10:00:00.000Z",
      held: { microphone: false, camera: false },
    });
    await getLiveKitJoin(SESSION_ID);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(`/api/sessions/${SESSION_ID}/livekit-token`);
    expect(init.method).toBe("POST");
    expect(new Headers(init.headers).get("Content-Type")).toBe("application/json");
    expect(init.body).toBe("{}");
  });

  it("validates an outgoing body before sending it", async () => {
    const fetchMock = respond(201, {});
    const error = await caught(
      createGroup({
        name: "  ",
        kind: "group",
        firstSession: { startsAt: "2026-12-01T09:00:00+02:00" },
      }),
    );
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("treats an id that cannot exist as not found, without asking", async () => {
    const fetchMock = respond(200, {});
    expect((await caught(getSession("not-a-uuid"))).code).toBe("SESSION_NOT_FOUND");
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("does not send a malformed invitation token to the server", async () => {
    const fetchMock = respond(200, {});
    const error = await caught(previewInvitation("short"));
    expect(error.code).toBe("INVITATION_NOT_FOUND");
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
