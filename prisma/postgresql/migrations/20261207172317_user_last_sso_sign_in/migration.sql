-- AlterTable
ALTER TABLE "User" ADD COLUMN     "lastSsoSignInAt" TIMESTAMP(3);
