import { z } from "zod";
import { DisplayName, GroupKind } from "./groups.ts";
import { humanText } from "./text.ts";

/** The roles an invitation may give: never supervisor (a group has one). */
export const InvitableRole = z.enum(["participant", "cosupervisor"]);
export type InvitableRole = z.infer<typeof InvitableRole>;

export const INVITATION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** 32 random bytes, base64url: what an invitation link carries. */
export const InvitationToken = z
  .string()
  .regex(INVITATION_TOKEN_PATTERN, "invalid invitation token");

export const CreateInvitationBody = z.object({
  /** The supervisor's note of whom the link is for; "" means none. */
  label: humanText(80).or(z.literal("")).optional(),
  role: InvitableRole.default("participant"),
  maxUses: z.number().int().min(1).max(50).default(1),
  expiresInDays: z.number().int().min(1).max(30).default(7),
});
export type CreateInvitationBody = z.infer<typeof CreateInvitationBody>;

export const InvitationStatus = z.enum(["active", "expired", "revoked", "used_up"]);
export type InvitationStatus = z.infer<typeof InvitationStatus>;

export const InvitationSummary = z.object({
  id: z.uuid(),
  label: z.string().nullable(),
  role: InvitableRole,
  maxUses: z.number().int(),
  useCount: z.number().int(),
  expiresAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  status: InvitationStatus,
});
export type InvitationSummary = z.infer<typeof InvitationSummary>;

/** Returned once, when the invitation is created: the raw token is never stored or shown again. */
export const CreatedInvitation = z.object({
  invitation: InvitationSummary,
  token: InvitationToken,
});
export type CreatedInvitation = z.infer<typeof CreatedInvitation>;

export const InvitationPreview = z.object({
  groupName: z.string(),
  groupKind: GroupKind,
  supervisorName: z.string(),
  status: InvitationStatus,
});
export type InvitationPreview = z.infer<typeof InvitationPreview>;

export const AcceptInvitationBody = z.object({
  token: InvitationToken,
  displayName: DisplayName,
  email: z
    .email()
    .max(254)
    .transform((e) => e.toLowerCase()),
});
export type AcceptInvitationBody = z.infer<typeof AcceptInvitationBody>;

/**
 * What accepting an invitation did. `joined`: the person is a member (and, if they were signed
 * out, now signed in). `signInRequired`: the email belongs to an account, so the person must
 * sign in as that account first; nothing was used up. The answer is deliberately one shape, so
 * a later way in (an emailed code, issue 11) can answer every signed-out accept alike.
 */
export const AcceptInvitationResult = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("joined"),
    groupId: z.uuid(),
    membershipId: z.uuid(),
    nextSessionId: z.uuid().nullable(),
  }),
  z.object({ status: z.literal("signInRequired") }),
]);
export type AcceptInvitationResult = z.infer<typeof AcceptInvitationResult>;

export const InvitationTokenParam = z.object({ token: InvitationToken });
export const InvitationIdParam = z.object({ groupId: z.uuid(), invitationId: z.uuid() });
