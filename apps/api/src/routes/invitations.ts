import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import {
  AcceptInvitationBody,
  CreateInvitationBody,
  InvitationIdParam,
  InvitationTokenParam,
} from "@piiri/protocol/invitations";
import { GroupIdParam } from "@piiri/protocol/groups";
import type { ErrorCode } from "@piiri/protocol/errors";
import {
  acceptInvitation,
  createInvitation,
  listInvitations,
  previewInvitation,
  revokeInvitation,
  type AcceptRefusal,
} from "@piiri/db/repositories/invitations";
import { invitationExpiry } from "@piiri/domain/invitations";
import type { AppEnv, Deps } from "../http/context.ts";
import { requireUser } from "../http/middleware.ts";
import { validate } from "../http/validate.ts";
import { authorizeGroup } from "../http/access.ts";
import { AppError } from "../errors.ts";
import { addressLimitKey } from "../http/client-address.ts";
import { LIMITS } from "../http/rate-limits.ts";
import { hashInvitationToken, newInvitationToken } from "./invitation-tokens.ts";

const REFUSAL: Record<Exclude<AcceptRefusal, "email_has_account">, [ErrorCode, string]> = {
  not_found: ["INVITATION_NOT_FOUND", "no such invitation"],
  expired: ["INVITATION_EXPIRED", "this invitation has expired"],
  revoked: ["INVITATION_REVOKED", "this invitation has been revoked"],
  used_up: ["INVITATION_USED_UP", "this invitation has already been used"],
};

/** Invitation management inside a group (supervisor only). Mounted at /api/groups. */
export function groupInvitationRoutes({ prisma, now }: Deps) {
  return new Hono<AppEnv>()
    .get("/:groupId/invitations", validate("param", GroupIdParam), async (c) => {
      const user = requireUser(c);
      const { groupId } = c.req.valid("param");
      await authorizeGroup(prisma, groupId, user.id, "group.manageInvitations");
      return c.json({ invitations: await listInvitations(prisma, groupId, now()) }, 200);
    })
    .post(
      "/:groupId/invitations",
      validate("param", GroupIdParam),
      validate("json", CreateInvitationBody),
      async (c) => {
        const user = requireUser(c);
        const { groupId } = c.req.valid("param");
        await authorizeGroup(prisma, groupId, user.id, "group.manageInvitations");
        const body = c.req.valid("json");
        const token = newInvitationToken();
        const at = now();
        const invitation = await createInvitation(
          prisma,
          {
            groupId,
            createdById: user.id,
            tokenHash: hashInvitationToken(token),
            label: body.label || null,
            role: body.role,
            maxUses: body.maxUses,
            expiresAt: invitationExpiry(at, body.expiresInDays),
          },
          at,
        );
        return c.json({ invitation, token }, 201);
      },
    )
    .delete(
      "/:groupId/invitations/:invitationId",
      validate("param", InvitationIdParam),
      async (c) => {
        const user = requireUser(c);
        const { groupId, invitationId } = c.req.valid("param");
        await authorizeGroup(prisma, groupId, user.id, "group.manageInvitations");
        const invitation = await revokeInvitation(prisma, { groupId, invitationId }, now());
        if (!invitation) throw new AppError("INVITATION_NOT_FOUND", "no such invitation");
        return c.json({ invitation }, 200);
      },
    );
}

/**
 * What a person holding a link can do. Mounted at /api/invitations.
 *
 * Accepting while signed out with an email that has an account answers `signInRequired` (the
 * link stays unused). That answer tells the link holder the address has an account, so it is
 * rationed: every accept counts against the client's address, and one link gives it for at
 * most a handful of different emails in its lifetime — after that the link takes no signed-out
 * accepts at all (RATE_LIMITED), whatever the email, so the refusal says nothing either.
 */
export function invitationRoutes({ prisma, auth, limits, now }: Deps) {
  return new Hono<AppEnv>()
    .post("/accept", validate("json", AcceptInvitationBody), async (c) => {
      const body = c.req.valid("json");
      const current = c.get("user");
      await limits.enforce(
        `accept|${addressLimitKey(c.get("clientAddress"))}`,
        LIMITS.acceptPerAddress,
      );
      const tokenHash = hashInvitationToken(body.token);
      const probesKey = `accept-sign-in-required|${tokenHash}`;
      if (!current) await limits.enforceRoom(probesKey, LIMITS.signInRequiredPerLink);
      const result = await acceptInvitation(
        prisma,
        {
          tokenHash,
          displayName: body.displayName,
          email: body.email,
          currentUserId: current?.id ?? null,
          newUserId: randomUUID(),
        },
        now(),
      );
      if (!result.ok) {
        if (result.reason !== "email_has_account") {
          const [code, message] = REFUSAL[result.reason];
          throw new AppError(code, message);
        }
        // Each different email counts once against the link; asking again for the same one
        // (a person retrying) learns nothing new.
        const first = await limits.hit(`${probesKey}|${body.email}`, LIMITS.signInRequiredPerLink);
        if (first.count === 1) await limits.hit(probesKey, LIMITS.signInRequiredPerLink);
        return c.json({ status: "signInRequired" as const }, 200);
      }
      if (result.createdUser) {
        const { headers } = await auth.api.signInInvitedMember({
          body: { userId: result.userId },
          headers: c.req.raw.headers,
          returnHeaders: true,
        });
        for (const cookie of headers.getSetCookie())
          c.header("Set-Cookie", cookie, { append: true });
      }
      const payload = {
        status: "joined" as const,
        groupId: result.groupId,
        membershipId: result.membershipId,
        nextSessionId: result.nextSessionId,
      };
      return c.json(payload, result.alreadyMember ? 200 : 201);
    })
    .get("/:token", validate("param", InvitationTokenParam), async (c) => {
      const { token } = c.req.valid("param");
      const invitation = await previewInvitation(prisma, hashInvitationToken(token), now());
      if (!invitation) throw new AppError("INVITATION_NOT_FOUND", "no such invitation");
      return c.json({ invitation }, 200);
    });
}
