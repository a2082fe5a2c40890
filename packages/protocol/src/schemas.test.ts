import { describe, expect, it } from "vitest";
import { CreateGroupBody } from "./groups.ts";
import { AcceptInvitationBody, CreateInvitationBody, InvitationToken } from "./invitations.ts";
import { ClientRequest, HandshakeAuth } from "./realtime.ts";
import { ScheduleSessionBody } from "./sessions.ts";

const token = "A".repeat(43);

describe("CreateGroupBody", () => {
  it("accepts a named group of a known kind with a first session, defaulting to 90 minutes", () => {
    const parsed = CreateGroupBody.parse({
      name: "  Sosiaalityön tiimi  ",
      kind: "group",
      firstSession: { startsAt: "2026-12-01T09:00:00+02:00" },
    });
    expect(parsed.name).toBe("Sosiaalityön tiimi");
    expect(parsed.firstSession.durationMinutes).toBe(90);
  });
  it("refuses unknown kinds, empty names and times without an offset", () => {
    const ok = { name: "x", kind: "group", firstSession: { startsAt: "2026-12-01T09:00:00Z" } };
    expect(CreateGroupBody.safeParse(ok).success).toBe(true);
    expect(CreateGroupBody.safeParse({ ...ok, kind: "therapy" }).success).toBe(false);
    expect(CreateGroupBody.safeParse({ ...ok, name: "   " }).success).toBe(false);
    expect(
      CreateGroupBody.safeParse({ ...ok, firstSession: { startsAt: "2026-12-01T09:00:00" } })
        .success,
    ).toBe(false);
  });
});

describe("ScheduleSessionBody", () => {
  it("bounds the length between 15 minutes and 8 hours", () => {
    const startsAt = "2026-12-01T09:00:00Z";
    expect(ScheduleSessionBody.safeParse({ startsAt, durationMinutes: 14 }).success).toBe(false);
    expect(ScheduleSessionBody.safeParse({ startsAt, durationMinutes: 15 }).success).toBe(true);
    expect(ScheduleSessionBody.safeParse({ startsAt, durationMinutes: 481 }).success).toBe(false);
    expect(ScheduleSessionBody.safeParse({ startsAt, durationMinutes: 90.5 }).success).toBe(false);
  });
});

describe("invitations", () => {
  it("accepts only 43-character base64url tokens", () => {
    expect(InvitationToken.safeParse(token).success).toBe(true);
    expect(InvitationToken.safeParse(token.slice(1)).success).toBe(false);
    expect(InvitationToken.safeParse(`${token.slice(1)}/`).success).toBe(false);
  });
  it("normalises the email to lower case and requires a display name", () => {
    const parsed = AcceptInvitationBody.parse({
      token,
      displayName: " Aino ",
      email: "Aino@Example.FI",
    });
    expect(parsed).toEqual({ token, displayName: "Aino", email: "aino@example.fi" });
    expect(
      AcceptInvitationBody.safeParse({ token, displayName: "", email: "a@b.fi" }).success,
    ).toBe(false);
    expect(
      AcceptInvitationBody.safeParse({ token, displayName: "A", email: "not-email" }).success,
    ).toBe(false);
  });
  it("defaults to one participant use valid for seven days; never invites a supervisor", () => {
    expect(CreateInvitationBody.parse({})).toEqual({ role: "participant", maxUses: 1, expiresInDays: 7 });
    expect(CreateInvitationBody.safeParse({ role: "supervisor" }).success).toBe(false);
    expect(CreateInvitationBody.safeParse({ expiresInDays: 31 }).success).toBe(false);
  });
});

describe("realtime", () => {
  it("parses known requests and refuses unknown types", () => {
    const sessionId = "6f1c2a44-8f7e-4a43-9a3b-2b1a4c7d9e10";
    expect(ClientRequest.parse({ type: "session.join", sessionId })).toEqual({
      type: "session.join",
      sessionId,
    });
    expect(ClientRequest.safeParse({ type: "session.explode", sessionId }).success).toBe(false);
    expect(ClientRequest.safeParse({ type: "session.join", sessionId: "nope" }).success).toBe(
      false,
    );
  });
  it("requires a protocol version in the handshake", () => {
    expect(HandshakeAuth.safeParse({}).success).toBe(false);
    expect(HandshakeAuth.safeParse({ protocolVersion: 1 }).success).toBe(true);
  });
});
