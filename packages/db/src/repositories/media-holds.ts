// A supervisor's "microphone off" / "camera off" for one member in one session, kept until the
// member turns that source on again themselves (like Zoom and Teams: a member may unmute
// deliberately, but nothing turns it on by itself after a moderator turned it off). Stored, so a
// reconnect, a reload, another device, another API node or an API restart all see it.
import type { LiveMediaSource } from "@piiri/protocol/live";
import type { MediaHolds } from "@piiri/protocol/livekit";
import type { PrismaClient } from "../generated/prisma/client.ts";

/** The supervisor turned `source` off: held from `at` (a repeat keeps the first time). */
export async function holdMedia(
  prisma: PrismaClient,
  sessionId: string,
  membershipId: string,
  source: LiveMediaSource,
  at: Date,
): Promise<void> {
  await prisma.sessionMediaHold.createMany({
    data: [{ sessionId, membershipId, source, heldAt: at }],
    skipDuplicates: true,
  });
}

/** The member turned `source` on again themselves. True when there was a hold to lift. */
export async function releaseMedia(
  prisma: PrismaClient,
  sessionId: string,
  membershipId: string,
  source: LiveMediaSource,
): Promise<boolean> {
  const { count } = await prisma.sessionMediaHold.deleteMany({
    where: { sessionId, membershipId, source },
  });
  return count > 0;
}

export async function findMediaHolds(
  prisma: PrismaClient,
  sessionId: string,
  membershipId: string,
): Promise<MediaHolds> {
  const rows = await prisma.sessionMediaHold.findMany({
    where: { sessionId, membershipId },
    select: { source: true },
  });
  const held = new Set(rows.map((row) => row.source));
  return { microphone: held.has("microphone"), camera: held.has("camera") };
}
