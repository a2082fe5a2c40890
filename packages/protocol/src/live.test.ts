import { describe, expect, it } from "vitest";
import { ClientRequest, ServerEvent } from "./realtime.ts";
import { AttendanceCsvQuery } from "./live.ts";

const sessionId = "6f1c2a8e-4b1d-4c3e-9a7b-2d5e8f0a1b2c";
const memberId = "0b7d6c5e-4f3a-4b2c-8d1e-9f0a1b2c3d4e";

describe("live requests", () => {
  it("accepts each supervisor control with a session and a target", () => {
    for (const message of [
      { type: "live.admit", sessionId, membershipId: memberId },
      { type: "live.admitAll", sessionId },
      { type: "live.decline", sessionId, membershipId: memberId },
      { type: "live.lobby.set", sessionId, enabled: false },
      { type: "live.spotlight", sessionId, membershipId: null },
      { type: "live.mute", sessionId, membershipId: memberId, source: "camera" },
      { type: "live.remove", sessionId, membershipId: memberId },
      { type: "live.end", sessionId },
      { type: "live.hand.raise", sessionId },
      { type: "live.hand.lower", sessionId },
      { type: "live.hand.lower", sessionId, membershipId: memberId },
    ]) {
      expect(ClientRequest.safeParse(message).success, message.type).toBe(true);
    }
  });
  it("refuses unknown media, free-form reactions and missing targets", () => {
    expect(
      ClientRequest.safeParse({
        type: "live.mute",
        sessionId,
        membershipId: memberId,
        source: "screen",
      }).success,
    ).toBe(false);
    expect(ClientRequest.safeParse({ type: "live.reaction", sessionId, emoji: "💩" }).success).toBe(
      false,
    );
    expect(ClientRequest.safeParse({ type: "live.reaction", sessionId, emoji: "👍" }).success).toBe(
      true,
    );
    expect(ClientRequest.safeParse({ type: "live.admit", sessionId }).success).toBe(false);
    expect(
      ClientRequest.safeParse({ type: "live.spotlight", sessionId, membershipId: "x" }).success,
    ).toBe(false);
  });
  it("bounds the E2EE relay: base64 only, limited sizes, key ids 0–255", () => {
    const share = {
      type: "live.e2ee.share",
      sessionId,
      to: memberId,
      keyId: 0,
      wrapped: "AAAA",
      iv: "AAAAAAAAAAAAAAAA",
    };
    expect(ClientRequest.safeParse(share).success).toBe(true);
    expect(ClientRequest.safeParse({ ...share, keyId: 256 }).success).toBe(false);
    expect(ClientRequest.safeParse({ ...share, wrapped: "A".repeat(1025) }).success).toBe(false);
    expect(ClientRequest.safeParse({ ...share, wrapped: "<script>" }).success).toBe(false);
    const announce = { type: "live.e2ee.announce", sessionId, publicKey: "BHx-_".padEnd(87, "A") };
    expect(ClientRequest.safeParse(announce).success).toBe(true);
    expect(ClientRequest.safeParse({ ...announce, publicKey: "A".repeat(513) }).success).toBe(
      false,
    );
  });
});

describe("live events", () => {
  it("parses a state snapshot and an admission", () => {
    expect(
      ServerEvent.safeParse({
        type: "live.state",
        sessionId,
        hands: [{ membershipId: memberId, raisedAt: "2026-12-01T07:01:00.000Z" }],
        spotlight: null,
        lobbyEnabled: true,
        ended: false,
      }).success,
    ).toBe(true);
    expect(
      ServerEvent.safeParse({ type: "live.admission", sessionId, status: "waiting" }).success,
    ).toBe(true);
    expect(
      ServerEvent.safeParse({ type: "live.admission", sessionId, status: "maybe" }).success,
    ).toBe(false);
  });
});

describe("AttendanceCsvQuery", () => {
  it("defaults to Finnish and knows only fi and en", () => {
    expect(AttendanceCsvQuery.parse({})).toEqual({ lang: "fi" });
    expect(AttendanceCsvQuery.safeParse({ lang: "sv" }).success).toBe(false);
  });
});
