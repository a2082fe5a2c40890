import { can, type GroupAction } from "@piiri/domain/permissions";
import { isSessionJoinable } from "@piiri/domain/schedule";
import { onJoinRequest } from "@piiri/domain/live-admission";
import { findAdmission, isLobbyEnabled } from "@piiri/db/repositories/live";
import {
  findMembership,
  findSessionAccess,
  type MembershipRecord,
  type SessionAccess,
} from "@piiri/db/repositories/memberships";
import { groupExists } from "@piiri/db/repositories/groups";
import type { PrismaClient } from "@piiri/db/client";
import { AppError } from "../errors.ts";

/** The caller's membership in a group, if their role allows `action`; otherwise a typed refusal. */
export async function authorizeGroup(
  prisma: PrismaClient,
  groupId: string,
  userId: string,
  action: GroupAction,
): Promise<MembershipRecord> {
  const membership = await findMembership(prisma, groupId, userId);
  if (!membership) {
    if (!(await groupExists(prisma, groupId)))
      throw new AppError("GROUP_NOT_FOUND", "no such group");
    throw new AppError("NOT_A_MEMBER", "you are not a member of this group");
  }
  if (!can(membership.role, action)) {
    throw new AppError("NOT_SUPERVISOR", "only the group's supervisor can do this");
  }
  return membership;
}

export async function authorizeSession(
  prisma: PrismaClient,
  sessionId: string,
  userId: string,
  action: GroupAction,
): Promise<SessionAccess & { membership: MembershipRecord }> {
  const access = await findSessionAccess(prisma, sessionId, userId);
  if (!access) throw new AppError("SESSION_NOT_FOUND", "no such session");
  const { membership } = access;
  if (!membership)
    throw new AppError("NOT_A_MEMBER", "you are not a member of this session's group");
  if (!can(membership.role, action)) {
    throw new AppError("NOT_SUPERVISOR", "only the group's supervisor can do this");
  }
  return { ...access, membership };
}

/** Refuses an ended or cancelled session: no presence, no LiveKit token. */
export function requireJoinable(session: SessionAccess["session"]): void {
  if (!isSessionJoinable(session.status)) {
    throw new AppError("SESSION_NOT_JOINABLE", `the session is ${session.status}`);
  }
}

/**
 * Refuses a member who may not be in the session's video room now: removed from it, or (with
 * the lobby on) not yet admitted. Supervisors are always in.
 */
export async function requireAdmitted(
  prisma: PrismaClient,
  session: SessionAccess["session"],
  membership: MembershipRecord,
): Promise<void> {
  const [status, lobbyEnabled] = await Promise.all([
    findAdmission(prisma, session.id, membership.id),
    isLobbyEnabled(prisma, session.groupId),
  ]);
  const outcome = onJoinRequest(status, {
    bypassesLobby: can(membership.role, "session.bypassLobby"),
    lobbyEnabled,
  });
  if (outcome.kind === "refuse") {
    throw new AppError("REMOVED_FROM_SESSION", "you were removed from this session");
  }
  if (outcome.kind === "wait") {
    throw new AppError("NOT_ADMITTED", "wait in the lobby until the supervisor lets you in");
  }
}
