import type { InvitationStatus } from "@piiri/protocol/invitations";

export interface InvitationState {
  expiresAt: Date;
  revokedAt: Date | null;
  maxUses: number;
  useCount: number;
}

export const DEFAULT_INVITATION_DAYS = 7;

/**
 * What an invitation link can do at `now`. Revocation wins over everything (the supervisor's
 * explicit act), then exhaustion, then expiry: a link that was used up and then expired still
 * tells the person "already used", which is the more useful explanation.
 */
export function invitationStatus(invitation: InvitationState, now: Date): InvitationStatus {
  if (invitation.revokedAt !== null) return "revoked";
  if (invitation.useCount >= invitation.maxUses) return "used_up";
  if (invitation.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

export function invitationExpiry(now: Date, days: number): Date {
  return new Date(now.getTime() + days * 24 * 60 * 60 * 1000);
}
