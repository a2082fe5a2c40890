// The one place that decides who may do what in a group, for HTTP routes and socket requests
// alike: membership and role (authorizeGroup / authorizeSession), and who may be in a session
// and see the group's content now (the rule of @piiri/domain/session-access).
import { can, type GroupAction } from "@piiri/domain/permissions";
import {
  candidateStarts,
  groupContentStanding,
  maySeeSessionContent,
  standingIn,
  type Standing,
} from "@piiri/domain/session-access";
import {
  readGroupStanding,
  readSessionStanding,
  type SessionStandingFacts,
} from "@piiri/db/repositories/access";
import {
  findMembership,
  findSessionAccess,
  type MembershipRecord,
  type SessionAccess,
} from "@piiri/db/repositories/memberships";
import { groupExists } from "@piiri/db/repositories/groups";
import type { PrismaClient } from "@piiri/db/client";
import { AppError } from "../errors.ts";
import type { Deps } from "./context.ts";

type AccessDeps = Pick<Deps, "prisma" | "now">;

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
  requireRole(membership, action);
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
  requireRole(membership, action);
  return { ...access, membership };
}

function requireRole(membership: MembershipRecord, action: GroupAction): void {
  if (!can(membership.role, action)) {
    throw new AppError("NOT_SUPERVISOR", "only the group's supervisor can do this");
  }
}

/** Why a member is not in a session now, as the error the caller receives. */
export function refusalFor(standing: Exclude<Standing, { kind: "in" }>): AppError {
  switch (standing.kind) {
    case "lobby":
      return new AppError("NOT_ADMITTED", "wait in the lobby until the supervisor lets you in");
    case "notYet":
      return new AppError(
        "SESSION_NOT_OPEN",
        `the session opens at ${standing.opensAt.toISOString()} or when the supervisor opens it`,
      );
    case "removed":
      return new AppError("REMOVED_FROM_SESSION", "you were removed from this session");
    case "over":
      return new AppError("SESSION_NOT_JOINABLE", "the session is over");
  }
}

export type MemberStanding = SessionStandingFacts & {
  membership: MembershipRecord;
  standing: Standing;
};

/**
 * Where the caller stands with a session now (a member of its group, allowed `action`), or
 * SESSION_NOT_FOUND / NOT_A_MEMBER. Socket joins and HTTP routes decide with this.
 */
export async function sessionStanding(
  { prisma, now }: AccessDeps,
  sessionId: string,
  userId: string,
  action: GroupAction = "session.join",
): Promise<MemberStanding> {
  const facts = await readSessionStanding(prisma, sessionId, userId);
  if (!facts) throw new AppError("SESSION_NOT_FOUND", "no such session");
  const { membership } = facts;
  if (!membership)
    throw new AppError("NOT_A_MEMBER", "you are not a member of this session's group");
  requireRole(membership, action);
  const standing = standingIn({ ...facts, role: membership.role }, now());
  return { ...facts, membership, standing };
}

/** Being in the session now (a LiveKit token): the caller must stand "in" it. */
export async function requireInSessionNow(
  deps: AccessDeps,
  sessionId: string,
  userId: string,
): Promise<MemberStanding> {
  const found = await sessionStanding(deps, sessionId, userId);
  if (found.standing.kind !== "in") throw refusalFor(found.standing);
  return found;
}

/**
 * The session's content (its agenda, the previous session's steps): supervisors and
 * co-supervisors always, a participant while in the session.
 */
export async function authorizeSessionContent(
  deps: AccessDeps,
  sessionId: string,
  userId: string,
  action: GroupAction,
): Promise<MemberStanding> {
  const found = await sessionStanding(deps, sessionId, userId, action);
  const { standing } = found;
  if (!maySeeSessionContent(found.membership.role, standing) && standing.kind !== "in") {
    throw refusalFor(standing);
  }
  return found;
}

/**
 * The group's content (board, snapshots, scale history): supervisors and co-supervisors always,
 * a participant while in one of the group's sessions (open now, let in, not removed).
 */
export async function authorizeGroupContent(
  { prisma, now }: AccessDeps,
  groupId: string,
  userId: string,
  action: GroupAction,
): Promise<MembershipRecord> {
  const at = now();
  const facts = await readGroupStanding(prisma, groupId, userId, candidateStarts(at));
  if (!facts) throw new AppError("GROUP_NOT_FOUND", "no such group");
  const { membership } = facts;
  if (!membership) throw new AppError("NOT_A_MEMBER", "you are not a member of this group");
  requireRole(membership, action);
  const standing = groupContentStanding(
    membership.role,
    facts.sessions.map(({ session, admission }) =>
      standingIn({ ...facts, role: membership.role, session, admission }, at),
    ),
  );
  if (standing.kind === "over") {
    // No session of the group is open now: between sessions the content is the supervisors'.
    throw new AppError("SESSION_NOT_OPEN", "participants see the group's content in a session");
  }
  if (standing.kind !== "in") throw refusalFor(standing);
  return membership;
}
