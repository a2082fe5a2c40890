-- Attendance from Piiri's own sockets (presence), so attendance does not depend on video.

-- CreateTable
CREATE TABLE "PresenceInterval" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "membershipId" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PresenceInterval_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PresenceInterval_sessionId_startedAt_idx" ON "PresenceInterval"("sessionId", "startedAt");

-- CreateIndex
CREATE INDEX "PresenceInterval_membershipId_idx" ON "PresenceInterval"("membershipId");

-- CreateIndex
CREATE INDEX "PresenceInterval_endedAt_nodeId_idx" ON "PresenceInterval"("endedAt", "nodeId");

-- AddForeignKey
ALTER TABLE "PresenceInterval" ADD CONSTRAINT "PresenceInterval_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PresenceInterval" ADD CONSTRAINT "PresenceInterval_membershipId_fkey" FOREIGN KEY ("membershipId") REFERENCES "Membership"("id") ON DELETE CASCADE ON UPDATE CASCADE;
