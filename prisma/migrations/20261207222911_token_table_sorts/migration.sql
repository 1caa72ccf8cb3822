-- DropIndex
DROP INDEX "ApiToken_tenantId_kind_lastUsedAt_id_revokedAt_idx";

-- CreateIndex
CREATE INDEX "ApiToken_tenantId_kind_lastUsedAt_id_revokedAt_expiresAt_idx" ON "ApiToken"("tenantId", "kind", "lastUsedAt", "id", "revokedAt", "expiresAt");

-- CreateIndex
CREATE INDEX "ApiToken_tenantId_kind_name_id_revokedAt_idx" ON "ApiToken"("tenantId", "kind", "name", "id", "revokedAt");

-- CreateIndex
CREATE INDEX "ApiToken_tenantId_kind_expiresAt_id_revokedAt_lastUsedAt_idx" ON "ApiToken"("tenantId", "kind", "expiresAt", "id", "revokedAt", "lastUsedAt");

-- Substring search of token names through an index: an FTS5 table with the trigram tokenizer (any three
-- characters of a name find it, whatever their case), kept by triggers. Names never change and tokens are
-- kept when revoked, so the update and delete triggers are for completeness; the delete finds its row
-- by the token's id (a scan of the search table, which only a tenant's removal would pay). The search
-- table's own rowids are used, never the token table's, which VACUUM may renumber.
CREATE VIRTUAL TABLE "ApiTokenNameSearch" USING fts5("name", "tokenId" UNINDEXED, tokenize = 'trigram');

INSERT INTO "ApiTokenNameSearch" ("name", "tokenId") SELECT "name", "id" FROM "ApiToken";

CREATE TRIGGER "ApiToken_name_search_insert" AFTER INSERT ON "ApiToken" BEGIN
  INSERT INTO "ApiTokenNameSearch" ("name", "tokenId") VALUES (NEW."name", NEW."id");
END;

CREATE TRIGGER "ApiToken_name_search_update" AFTER UPDATE OF "name" ON "ApiToken" BEGIN
  UPDATE "ApiTokenNameSearch" SET "name" = NEW."name" WHERE "tokenId" = OLD."id";
END;

CREATE TRIGGER "ApiToken_name_search_delete" AFTER DELETE ON "ApiToken" BEGIN
  DELETE FROM "ApiTokenNameSearch" WHERE "tokenId" = OLD."id";
END;
