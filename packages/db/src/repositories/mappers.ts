// Turn Prisma rows into the protocol's plain shapes, so nothing outside packages/db sees Prisma.
import type { InvitationSummary } from "@piiri/protocol/invitations";
import type { SessionSummary } from "@piiri/protocol/sessions";
import type { Member } from "@piiri/protocol/groups";
import { invitationStatus } from "@piiri/domain/invitations";
import type {
  Invitation as InvitationRow,
  Membership as MembershipRow,
  Session as SessionRow,
} from "../generated/prisma/client.ts";

export function toSessionSummary(row: SessionRow): SessionSummary {
  return {
    id: row.id,
    groupId: row.groupId,
    startsAt: row.startsAt.toISOString(),
    durationMinutes: row.durationMinutes,
    status: row.status,
  };
}

export function toMember(row: MembershipRow): Member {
  return {
    membershipId: row.id,
    displayName: row.displayName,
    role: row.role,
    joinedAt: row.joinedAt.toISOString(),
  };
}

export function toInvitationSummary(row: InvitationRow, now: Date): InvitationSummary {
  return {
    id: row.id,
    label: row.label,
    role: row.role === "cosupervisor" ? "cosupervisor" : "participant",
    maxUses: row.maxUses,
    useCount: row.useCount,
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    status: invitationStatus(row, now),
  };
}
