import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthEndpoint } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import { z } from "zod";

/**
 * Signs in a person who has just accepted an invitation, without a password. Server-only: it is
 * reachable through `auth.api` from the invitation route (which has already checked the token),
 * never over HTTP, so nobody can mint a session for an arbitrary user id.
 */
export const invitationSignIn = () =>
  ({
    id: "piiri-invitation-sign-in",
    endpoints: {
      signInInvitedMember: createAuthEndpoint.serverOnly(
        { method: "POST", body: z.object({ userId: z.string().min(1) }) },
        async (ctx) => {
          const user = await ctx.context.internalAdapter.findUserById(ctx.body.userId);
          if (!user) throw new APIError("NOT_FOUND", { message: "no such user" });
          const session = await ctx.context.internalAdapter.createSession(user.id);
          await setSessionCookie(ctx, { session, user });
          return ctx.json({ userId: user.id });
        },
      ),
    },
  }) satisfies BetterAuthPlugin;
