-- DropTable
DROP TABLE "SignInThrottle";

-- CreateTable
CREATE TABLE "DurableLimitCounter" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" TIMESTAMP(3),

    CONSTRAINT "DurableLimitCounter_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "DurableLimitCounter_expire_idx" ON "DurableLimitCounter"("expire");
