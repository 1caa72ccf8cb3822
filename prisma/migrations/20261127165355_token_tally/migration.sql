-- DropIndex
DROP INDEX "ApiToken_tenantId_userId_kind_revokedAt_createdAt_id_idx";

-- DropIndex
DROP INDEX "ApiToken_tenantId_kind_revokedAt_lastUsedAt_id_idx";

-- DropIndex
DROP INDEX "ApiToken_tenantId_kind_revokedAt_createdAt_id_idx";

-- CreateTable
CREATE TABLE "ApiTokenTally" (
    "tenantId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "live" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("tenantId", "userId", "kind")
);

-- CreateIndex
CREATE INDEX "ApiToken_tenantId_kind_createdAt_id_revokedAt_lastUsedAt_idx" ON "ApiToken"("tenantId", "kind", "createdAt", "id", "revokedAt", "lastUsedAt");

-- CreateIndex
CREATE INDEX "ApiToken_tenantId_kind_lastUsedAt_id_revokedAt_idx" ON "ApiToken"("tenantId", "kind", "lastUsedAt", "id", "revokedAt");

-- CreateIndex
CREATE INDEX "ApiToken_tenantId_userId_kind_createdAt_id_revokedAt_idx" ON "ApiToken"("tenantId", "userId", "kind", "createdAt", "id", "revokedAt");

-- The tally follows every insert, revocation, move and delete of a token, whoever writes it (the
-- schema cannot say this: written by hand after the generated part). Last-use writes do not fire it.
CREATE TRIGGER "ApiToken_tally_insert" AFTER INSERT ON "ApiToken" WHEN NEW."revokedAt" IS NULL
BEGIN
    INSERT INTO "ApiTokenTally" ("tenantId", "userId", "kind", "live") VALUES (NEW."tenantId", NEW."userId", NEW."kind", 1)
    ON CONFLICT ("tenantId", "userId", "kind") DO UPDATE SET "live" = "live" + 1;
END;

CREATE TRIGGER "ApiToken_tally_delete" AFTER DELETE ON "ApiToken" WHEN OLD."revokedAt" IS NULL
BEGIN
    UPDATE "ApiTokenTally" SET "live" = "live" - 1 WHERE "tenantId" = OLD."tenantId" AND "userId" = OLD."userId" AND "kind" = OLD."kind";
END;

CREATE TRIGGER "ApiToken_tally_update" AFTER UPDATE OF "revokedAt", "tenantId", "userId", "kind" ON "ApiToken"
WHEN (OLD."revokedAt" IS NULL) <> (NEW."revokedAt" IS NULL) OR OLD."tenantId" <> NEW."tenantId" OR OLD."userId" <> NEW."userId" OR OLD."kind" <> NEW."kind"
BEGIN
    UPDATE "ApiTokenTally" SET "live" = "live" - 1
    WHERE OLD."revokedAt" IS NULL AND "tenantId" = OLD."tenantId" AND "userId" = OLD."userId" AND "kind" = OLD."kind";
    INSERT INTO "ApiTokenTally" ("tenantId", "userId", "kind", "live") SELECT NEW."tenantId", NEW."userId", NEW."kind", 1 WHERE NEW."revokedAt" IS NULL
    ON CONFLICT ("tenantId", "userId", "kind") DO UPDATE SET "live" = "live" + 1;
END;

-- The tokens that exist already.
INSERT INTO "ApiTokenTally" ("tenantId", "userId", "kind", "live")
SELECT "tenantId", "userId", "kind", count(*) FROM "ApiToken" WHERE "revokedAt" IS NULL GROUP BY "tenantId", "userId", "kind";
