-- CreateEnum
CREATE TYPE "AdmissionStatus" AS ENUM ('waiting', 'admitted', 'declined', 'removed');

-- CreateEnum
CREATE TYPE "AttendanceEventKind" AS ENUM ('joined', 'left', 'room_finished');

-- CreateTable
CREATE TABLE "LiveGroupSettings" (
    "groupId" TEXT NOT NULL,
    "lobbyEnabled" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LiveGroupSettings_pkey" PRIMARY KEY ("groupId")
);

-- CreateTable
CREATE TABLE "SessionAdmission" (
    "sessionId" TEXT NOT NULL,
    "membershipId" TEXT NOT NULL,
    "status" "AdmissionStatus" NOT NULL,
    "knockedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "SessionAdmission_pkey" PRIMARY KEY ("sessionId","membershipId")
);

-- CreateTable
CREATE TABLE "RaisedHand" (
    "sessionId" TEXT NOT NULL,
    "membershipId" TEXT NOT NULL,
    "raisedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RaisedHand_pkey" PRIMARY KEY ("sessionId","membershipId")
);

-- CreateTable
CREATE TABLE "SessionSpotlight" (
    "sessionId" TEXT NOT NULL,
    "membershipId" TEXT NOT NULL,

    CONSTRAINT "SessionSpotlight_pkey" PRIMARY KEY ("sessionId")
);

-- CreateTable
CREATE TABLE "AttendanceEvent" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "membershipId" TEXT,
    "kind" "AttendanceEventKind" NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AttendanceEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SessionAdmission_membershipId_idx" ON "SessionAdmission"("membershipId");

-- CreateIndex
CREATE INDEX "RaisedHand_membershipId_idx" ON "RaisedHand"("membershipId");

-- CreateIndex
CREATE INDEX "SessionSpotlight_membershipId_idx" ON "SessionSpotlight"("membershipId");

-- CreateIndex
CREATE INDEX "AttendanceEvent_sessionId_occurredAt_idx" ON "AttendanceEvent"("sessionId", "occurredAt");

-- CreateIndex
CREATE INDEX "AttendanceEvent_membershipId_idx" ON "AttendanceEvent"("membershipId");

-- AddForeignKey
ALTER TABLE "LiveGroupSettings" ADD CONSTRAINT "LiveGroupSettings_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "SupervisionGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionAdmission" ADD CONSTRAINT "SessionAdmission_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionAdmission" ADD CONSTRAINT "SessionAdmission_membershipId_fkey" FOREIGN KEY ("membershipId") REFERENCES "Membership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RaisedHand" ADD CONSTRAINT "RaisedHand_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RaisedHand" ADD CONSTRAINT "RaisedHand_membershipId_fkey" FOREIGN KEY ("membershipId") REFERENCES "Membership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionSpotlight" ADD CONSTRAINT "SessionSpotlight_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionSpotlight" ADD CONSTRAINT "SessionSpotlight_membershipId_fkey" FOREIGN KEY ("membershipId") REFERENCES "Membership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttendanceEvent" ADD CONSTRAINT "AttendanceEvent_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttendanceEvent" ADD CONSTRAINT "AttendanceEvent_membershipId_fkey" FOREIGN KEY ("membershipId") REFERENCES "Membership"("id") ON DELETE CASCADE ON UPDATE CASCADE;
