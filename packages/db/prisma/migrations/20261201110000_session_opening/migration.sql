-- AlterTable
ALTER TABLE "LiveGroupSettings" ADD COLUMN     "opensBeforeMinutes" INTEGER NOT NULL DEFAULT 15;
