// A socket lives no longer than the sign-in it was opened with: sign-out, revocation and user
// deletion end it on every API node (better-auth's session delete hook, see auth/auth.ts), and
// expiry ends it on its own node.
import { findSignInExpiry } from "@piiri/db/repositories/sign-ins";
import type { Deps } from "../http/context.ts";
import type { PiiriServer, PiiriSocket } from "./server.ts";

/** Every socket of one sign-in (better-auth session id), on whichever node it is. */
export const signInRoom = (authSessionId: string) => `sign-in:${authSessionId}`;

/** setTimeout fires at once beyond ~24.8 days; a later expiry is looked at again before then. */
const MAX_TIMER_MS = 24 * 60 * 60_000;

/** Disconnects every socket of a sign-in, on every node (the Redis adapter carries it). */
export function endSignIn(io: PiiriServer, authSessionId: string): void {
  io.in(signInRoom(authSessionId)).disconnectSockets(true);
}

/**
 * Puts the socket in its sign-in's room, then disconnects it when the sign-in expires. The stored
 * expiry is read now (the sign-in may have ended since the handshake) and again when it comes:
 * better-auth extends a sign-in that is in use, and then the socket lives on until the new one.
 */
export async function bindToSignIn(
  socket: PiiriSocket,
  deps: Pick<Deps, "prisma" | "now">,
): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = async () => {
    if (socket.disconnected) return;
    const expiresAt = await findSignInExpiry(deps.prisma, socket.data.signInId);
    if (socket.disconnected) return;
    const left = expiresAt ? expiresAt.getTime() - deps.now().getTime() : 0;
    if (left <= 0) {
      socket.disconnect(true);
      return;
    }
    timer = setTimeout(
      () => {
        check().catch((error: unknown) => {
          console.error("checking a socket's sign-in failed", error);
          socket.disconnect(true);
        });
      },
      Math.min(left, MAX_TIMER_MS),
    );
  };
  socket.once("disconnect", () => clearTimeout(timer));
  await socket.join(signInRoom(socket.data.signInId));
  await check();
}
