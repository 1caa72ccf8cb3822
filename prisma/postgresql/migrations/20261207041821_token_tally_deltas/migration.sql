-- CreateTable
CREATE TABLE "ApiTokenTallyDelta" (
    "id" SERIAL NOT NULL,
    "tenantId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "delta" INTEGER NOT NULL,

    CONSTRAINT "ApiTokenTallyDelta_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ApiTokenTallyDelta_tenantId_kind_userId_idx" ON "ApiTokenTallyDelta"("tenantId", "kind", "userId");

-- Written by hand after the generated part: the tally triggers append a change instead of updating the
-- user's tally row, whose lock every concurrent writer of that user's tokens would wait for until the
-- writer holding it commits. The scheduler folds the changes into ApiTokenTally; readers add both.
CREATE OR REPLACE FUNCTION "ApiToken_tally"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        IF OLD."revokedAt" IS NULL THEN
            INSERT INTO "ApiTokenTallyDelta" ("tenantId", "userId", "kind", "delta") VALUES (OLD."tenantId", OLD."userId", OLD."kind", -1);
        END IF;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        IF NEW."revokedAt" IS NULL THEN
            INSERT INTO "ApiTokenTallyDelta" ("tenantId", "userId", "kind", "delta") VALUES (NEW."tenantId", NEW."userId", NEW."kind", 1);
        END IF;
    END IF;
    RETURN NULL;
END
$$;
