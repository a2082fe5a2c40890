-- AlterEnum
ALTER TYPE "MemberRole" ADD VALUE 'cosupervisor';

-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "role" "MemberRole" NOT NULL DEFAULT 'participant';

-- CreateTable
CREATE TABLE "SessionAgenda" (
    "sessionId" TEXT NOT NULL,
    "state" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "nextDeadlineAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SessionAgenda_pkey" PRIMARY KEY ("sessionId")
);

-- CreateIndex
CREATE INDEX "SessionAgenda_nextDeadlineAt_idx" ON "SessionAgenda"("nextDeadlineAt");

-- AddForeignKey
ALTER TABLE "SessionAgenda" ADD CONSTRAINT "SessionAgenda_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;
