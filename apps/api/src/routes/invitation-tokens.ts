import { createHash, randomBytes } from "node:crypto";

/** 256 random bits as base64url (43 characters): unguessable, URL-safe. */
export function newInvitationToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * Only this hash is stored. A plain SHA-256 suffices (no salt or slow hash): the token is 256
 * random bits, so there is nothing to brute-force, and lookup by hash must stay an index hit.
 */
export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
