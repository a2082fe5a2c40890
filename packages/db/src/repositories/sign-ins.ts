// better-auth's sessions ("sign-ins", so they are not mistaken for supervision sessions), as far
// as Piiri reads them itself: when one expires, so its sockets end with it.
import type { PrismaClient } from "../generated/prisma/client.ts";

/** When a sign-in expires now (better-auth extends it while it is used); null once it is gone. */
export async function findSignInExpiry(
  prisma: PrismaClient,
  authSessionId: string,
): Promise<Date | null> {
  const row = await prisma.authSession.findUnique({
    where: { id: authSessionId },
    select: { expiresAt: true },
  });
  return row?.expiresAt ?? null;
}
