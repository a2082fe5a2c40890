-- CreateEnum
CREATE TYPE "MediaHoldSource" AS ENUM ('microphone', 'camera');

-- CreateTable
CREATE TABLE "SessionMediaHold" (
    "sessionId" TEXT NOT NULL,
    "membershipId" TEXT NOT NULL,
    "source" "MediaHoldSource" NOT NULL,
    "heldAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SessionMediaHold_pkey" PRIMARY KEY ("sessionId","membershipId","source")
);

-- CreateIndex
CREATE INDEX "SessionMediaHold_membershipId_idx" ON "SessionMediaHold"("membershipId");

-- AddForeignKey
ALTER TABLE "SessionMediaHold" ADD CONSTRAINT "SessionMediaHold_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionMediaHold" ADD CONSTRAINT "SessionMediaHold_membershipId_fkey" FOREIGN KEY ("membershipId") REFERENCES "Membership"("id") ON DELETE CASCADE ON UPDATE CASCADE;
