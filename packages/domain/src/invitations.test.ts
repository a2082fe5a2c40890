import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { invitationExpiry, invitationStatus } from "./invitations.ts";

const now = new Date("2026-11-23T10:00:00Z");
const base = { expiresAt: new Date("2026-11-30T10:00:00Z"), revokedAt: null, maxUses: 1, useCount: 0 };

describe("invitationStatus", () => {
  it("is active before expiry with uses left", () => {
    expect(invitationStatus(base, now)).toBe("active");
  });
  it("expires exactly at expiresAt", () => {
    expect(invitationStatus({ ...base, expiresAt: now }, now)).toBe("expired");
    expect(invitationStatus({ ...base, expiresAt: new Date(now.getTime() + 1) }, now)).toBe("active");
  });
  it("is used up when every use is taken", () => {
    expect(invitationStatus({ ...base, maxUses: 3, useCount: 2 }, now)).toBe("active");
    expect(invitationStatus({ ...base, maxUses: 3, useCount: 3 }, now)).toBe("used_up");
  });
  it("reports revocation over exhaustion and expiry", () => {
    const revoked = { ...base, revokedAt: now, useCount: 1, expiresAt: new Date(0) };
    expect(invitationStatus(revoked, now)).toBe("revoked");
  });
  it("is active only when not revoked, not used up and not expired (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 60 }),
        (offset, revoked, maxUses, useCount) => {
          const state = {
            expiresAt: new Date(now.getTime() + offset),
            revokedAt: revoked ? now : null,
            maxUses,
            useCount,
          };
          const active = !revoked && useCount < maxUses && offset > 0;
          expect(invitationStatus(state, now) === "active").toBe(active);
        },
      ),
    );
  });
});

describe("invitationExpiry", () => {
  it("adds whole days", () => {
    expect(invitationExpiry(now, 7).toISOString()).toBe("2026-11-30T10:00:00.000Z");
  });
});
