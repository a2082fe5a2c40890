-- CreateEnum
CREATE TYPE "BoardTemplateKind" AS ENUM ('scaling', 'miracle', 'exceptions', 'resourceMap', 'compliments', 'nextStep', 'recallingFuture');

-- CreateEnum
CREATE TYPE "BoardSnapshotReason" AS ENUM ('sessionEnd', 'manual');

-- CreateTable
CREATE TABLE "Board" (
    "groupId" TEXT NOT NULL,
    "locked" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Board_pkey" PRIMARY KEY ("groupId")
);

-- CreateTable
CREATE TABLE "BoardElement" (
    "groupId" TEXT NOT NULL,
    "elementId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "versionNonce" INTEGER NOT NULL,
    "contentKey" TEXT NOT NULL,
    "isDeleted" BOOLEAN NOT NULL,
    "frameId" TEXT,
    "bytes" INTEGER NOT NULL,
    "data" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BoardElement_pkey" PRIMARY KEY ("groupId","elementId")
);

-- CreateTable
CREATE TABLE "BoardFrame" (
    "groupId" TEXT NOT NULL,
    "frameId" TEXT NOT NULL,
    "kind" "BoardTemplateKind" NOT NULL,
    "sessionId" TEXT,
    "locked" BOOLEAN NOT NULL DEFAULT false,
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BoardFrame_pkey" PRIMARY KEY ("groupId","frameId")
);

-- CreateTable
CREATE TABLE "BoardFile" (
    "groupId" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "dataUrl" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BoardFile_pkey" PRIMARY KEY ("groupId","fileId")
);

-- CreateTable
CREATE TABLE "BoardSnapshot" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "sessionId" TEXT,
    "reason" "BoardSnapshotReason" NOT NULL,
    "elementCount" INTEGER NOT NULL,
    "elements" JSONB NOT NULL,
    "frames" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BoardSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BoardScaleValue" (
    "sessionId" TEXT NOT NULL,
    "exerciseId" TEXT NOT NULL,
    "membershipId" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BoardScaleValue_pkey" PRIMARY KEY ("sessionId","exerciseId","membershipId")
);

-- CreateTable
CREATE TABLE "BoardScaleReveal" (
    "sessionId" TEXT NOT NULL,
    "exerciseId" TEXT NOT NULL,
    "revealedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BoardScaleReveal_pkey" PRIMARY KEY ("sessionId","exerciseId")
);

-- CreateIndex
CREATE INDEX "BoardFrame_sessionId_idx" ON "BoardFrame"("sessionId");

-- CreateIndex
CREATE INDEX "BoardSnapshot_groupId_createdAt_idx" ON "BoardSnapshot"("groupId", "createdAt");

-- CreateIndex
CREATE INDEX "BoardSnapshot_sessionId_idx" ON "BoardSnapshot"("sessionId");

-- CreateIndex
CREATE INDEX "BoardScaleValue_membershipId_idx" ON "BoardScaleValue"("membershipId");

-- AddForeignKey
ALTER TABLE "Board" ADD CONSTRAINT "Board_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "SupervisionGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoardElement" ADD CONSTRAINT "BoardElement_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "SupervisionGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoardFrame" ADD CONSTRAINT "BoardFrame_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "SupervisionGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoardFrame" ADD CONSTRAINT "BoardFrame_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoardFile" ADD CONSTRAINT "BoardFile_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "SupervisionGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoardSnapshot" ADD CONSTRAINT "BoardSnapshot_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "SupervisionGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoardSnapshot" ADD CONSTRAINT "BoardSnapshot_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoardScaleValue" ADD CONSTRAINT "BoardScaleValue_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoardScaleValue" ADD CONSTRAINT "BoardScaleValue_membershipId_fkey" FOREIGN KEY ("membershipId") REFERENCES "Membership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoardScaleReveal" ADD CONSTRAINT "BoardScaleReveal_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;
