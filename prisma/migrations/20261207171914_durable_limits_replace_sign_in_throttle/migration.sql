-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "SignInThrottle";
PRAGMA foreign_keys=on;

-- CreateTable
CREATE TABLE "DurableLimitCounter" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" DATETIME
);

-- CreateIndex
CREATE INDEX "DurableLimitCounter_expire_idx" ON "DurableLimitCounter"("expire");
