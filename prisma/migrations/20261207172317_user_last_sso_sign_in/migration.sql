-- AlterTable
ALTER TABLE "User" ADD COLUMN "lastSsoSignInAt" DATETIME;
