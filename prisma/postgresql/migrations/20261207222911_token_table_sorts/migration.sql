-- DropIndex
DROP INDEX "ApiToken_tenantId_kind_lastUsedAt_id_revokedAt_idx";

-- CreateIndex
CREATE INDEX "ApiToken_tenantId_kind_lastUsedAt_id_revokedAt_expiresAt_idx" ON "ApiToken"("tenantId", "kind", "lastUsedAt", "id", "revokedAt", "expiresAt");

-- CreateIndex
CREATE INDEX "ApiToken_tenantId_kind_name_id_revokedAt_idx" ON "ApiToken"("tenantId", "kind", "name", "id", "revokedAt");

-- CreateIndex
CREATE INDEX "ApiToken_tenantId_kind_expiresAt_id_revokedAt_lastUsedAt_idx" ON "ApiToken"("tenantId", "kind", "expiresAt", "id", "revokedAt", "lastUsedAt");

-- Substring search of token names through an index: a trigram index (pg_trgm, shipped with the server
-- in PostgreSQL's contrib modules, and "trusted": the database's owner may create it without being a
-- superuser). ILIKE '%…%' of three characters or more is answered from it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "ApiToken_name_trgm_idx" ON "ApiToken" USING gin ("name" gin_trgm_ops);
