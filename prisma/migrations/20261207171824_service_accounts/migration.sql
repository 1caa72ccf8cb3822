-- CreateTable
CREATE TABLE "ServiceAccount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "role" TEXT NOT NULL,
    "disabledAt" DATETIME,
    "deletedAt" DATETIME,
    "createdByUserId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ServiceAccount_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- A column added in place rather than by redefining the table: a redefinition would drop the token
-- tally's triggers on ApiToken.
ALTER TABLE "ApiToken" ADD COLUMN "serviceAccountId" TEXT REFERENCES "ServiceAccount" ("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "ApiToken_serviceAccountId_idx" ON "ApiToken"("serviceAccountId");

-- CreateIndex
CREATE INDEX "ServiceAccount_tenantId_deletedAt_name_idx" ON "ServiceAccount"("tenantId", "deletedAt", "name");
