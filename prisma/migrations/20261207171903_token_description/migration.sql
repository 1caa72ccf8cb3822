-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN "description" TEXT;
