-- DropIndex
DROP INDEX "ApiToken_tenantId_kind_revokedAt_createdAt_idx";

-- DropIndex
DROP INDEX "ApiToken_tenantId_kind_revokedAt_lastUsedAt_idx";

-- DropIndex
DROP INDEX "ApiToken_tenantId_userId_kind_revokedAt_createdAt_idx";

-- CreateIndex
CREATE INDEX "ApiToken_tenantId_kind_revokedAt_createdAt_id_idx" ON "ApiToken"("tenantId", "kind", "revokedAt", "createdAt", "id");

-- CreateIndex
CREATE INDEX "ApiToken_tenantId_kind_revokedAt_lastUsedAt_id_idx" ON "ApiToken"("tenantId", "kind", "revokedAt", "lastUsedAt", "id");

-- CreateIndex
CREATE INDEX "ApiToken_tenantId_userId_kind_revokedAt_createdAt_id_idx" ON "ApiToken"("tenantId", "userId", "kind", "revokedAt", "createdAt", "id");

