-- CreateTable
CREATE TABLE "ApiTokenTallyDelta" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tenantId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "delta" INTEGER NOT NULL
);

-- CreateIndex
CREATE INDEX "ApiTokenTallyDelta_tenantId_kind_userId_idx" ON "ApiTokenTallyDelta"("tenantId", "kind", "userId");
