import type {
  InvitationPreview,
  InvitationStatus,
  InvitationSummary,
} from "@piiri/protocol/invitations";
import { invitationStatus } from "@piiri/domain/invitations";
import { nextSession } from "@piiri/domain/schedule";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { toInvitationSummary } from "./mappers.ts";

export async function createInvitation(
  prisma: PrismaClient,
  input: {
    groupId: string;
    createdById: string;
    tokenHash: string;
    label: string | null;
    role: "participant" | "cosupervisor";
    maxUses: number;
    expiresAt: Date;
  },
  now: Date,
): Promise<InvitationSummary> {
  const row = await prisma.invitation.create({ data: input });
  return toInvitationSummary(row, now);
}

export async function listInvitations(
  prisma: PrismaClient,
  groupId: string,
  now: Date,
): Promise<InvitationSummary[]> {
  const rows = await prisma.invitation.findMany({ where: { groupId }, orderBy: { createdAt: "desc" } });
  return rows.map((row) => toInvitationSummary(row, now));
}

/** Revokes an invitation of this group; revoking twice keeps the first time. Null if not found. */
export async function revokeInvitation(
  prisma: PrismaClient,
  input: { groupId: string; invitationId: string },
  now: Date,
): Promise<InvitationSummary | null> {
  await prisma.invitation.updateMany({
    where: { id: input.invitationId, groupId: input.groupId, revokedAt: null },
    data: { revokedAt: now },
  });
  const row = await prisma.invitation.findFirst({
    where: { id: input.invitationId, groupId: input.groupId },
  });
  return row ? toInvitationSummary(row, now) : null;
}

export async function previewInvitation(
  prisma: PrismaClient,
  tokenHash: string,
  now: Date,
): Promise<InvitationPreview | null> {
  const row = await prisma.invitation.findUnique({
    where: { tokenHash },
    include: {
      group: {
        select: {
          name: true,
          kind: true,
          memberships: { where: { role: "supervisor" }, select: { displayName: true }, take: 1 },
        },
      },
    },
  });
  if (!row) return null;
  return {
    groupName: row.group.name,
    groupKind: row.group.kind,
    supervisorName: row.group.memberships[0]?.displayName ?? "",
    status: invitationStatus(row, now),
  };
}

export interface AcceptInput {
  tokenHash: string;
  displayName: string;
  email: string;
  /** The signed-in user accepting, or null for a newcomer who gets a new passwordless account. */
  currentUserId: string | null;
  /** Id to give the new user when one is created. */
  newUserId: string;
}

export type AcceptRefusal = Exclude<InvitationStatus, "active"> | "not_found" | "email_has_account";

export type AcceptResult =
  | {
      ok: true;
      userId: string;
      groupId: string;
      membershipId: string;
      createdUser: boolean;
      alreadyMember: boolean;
      nextSessionId: string | null;
    }
  | { ok: false; reason: AcceptRefusal };

class Refused extends Error {
  constructor(readonly reason: AcceptRefusal) {
    super(reason);
  }
}

/**
 * Turns an invitation into a membership. One transaction: the use is counted with a guarded
 * UPDATE (so two people racing for a single-use link cannot both get in), the new user and the
 * membership are created, and any refusal rolls all of it back.
 */
export async function acceptInvitation(
  prisma: PrismaClient,
  input: AcceptInput,
  now: Date,
): Promise<AcceptResult> {
  try {
    return await prisma.$transaction(async (tx) => {
      const invitation = await tx.invitation.findUnique({ where: { tokenHash: input.tokenHash } });
      if (!invitation) throw new Refused("not_found");
      const upcoming = async () =>
        nextSession(await tx.session.findMany({ where: { groupId: invitation.groupId } }), now)?.id ??
        null;

      if (input.currentUserId) {
        const existing = await tx.membership.findUnique({
          where: { groupId_userId: { groupId: invitation.groupId, userId: input.currentUserId } },
        });
        if (existing) {
          return {
            ok: true as const,
            userId: input.currentUserId,
            groupId: invitation.groupId,
            membershipId: existing.id,
            createdUser: false,
            alreadyMember: true,
            nextSessionId: await upcoming(),
          };
        }
      }
      const status = invitationStatus(invitation, now);
      if (status !== "active") throw new Refused(status);

      const consumed = await tx.invitation.updateMany({
        where: {
          id: invitation.id,
          revokedAt: null,
          expiresAt: { gt: now },
          useCount: { lt: tx.invitation.fields.maxUses },
        },
        data: { useCount: { increment: 1 } },
      });
      if (consumed.count !== 1) throw new Refused("used_up");

      let userId = input.currentUserId;
      if (userId === null) {
        const taken = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
        if (taken) throw new Refused("email_has_account");
        const user = await tx.user.create({
          data: { id: input.newUserId, name: input.displayName, email: input.email },
        });
        userId = user.id;
      }
      const membership = await tx.membership.create({
        data: {
          groupId: invitation.groupId,
          userId,
          role: invitation.role,
          displayName: input.displayName,
          invitationId: invitation.id,
        },
      });
      return {
        ok: true as const,
        userId,
        groupId: invitation.groupId,
        membershipId: membership.id,
        createdUser: input.currentUserId === null,
        alreadyMember: false,
        nextSessionId: await upcoming(),
      };
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.reason };
    if (isUniqueViolation(error)) return { ok: false, reason: "email_has_account" };
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}
