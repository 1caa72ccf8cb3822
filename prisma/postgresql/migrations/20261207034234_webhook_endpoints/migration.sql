-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "failureStreak" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lockedBy" TEXT,
ADD COLUMN     "lockedUntil" TIMESTAMP(3),
ADD COLUMN     "pausedAt" TIMESTAMP(3),
ADD COLUMN     "pausedReason" TEXT,
ADD COLUMN     "retryAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "WebhookDelivery_webhookId_status_nextAttemptAt_idx" ON "WebhookDelivery"("webhookId", "status", "nextAttemptAt");

-- Earlier versions wrote why a destination could not be reached (what a name resolved to, the
-- connection error's code) into the delivery log, which a tenant's admin reads: the same neutral words
-- now stand for every refused or unreachable destination.
UPDATE "WebhookAttempt" SET "error" = 'Could not deliver: the destination could not be reached or is not allowed.'
WHERE "error" LIKE 'Could not connect:%' OR "error" LIKE 'Could not deliver:%' OR "error" LIKE '%webhooks are sent only to public addresses%';
UPDATE "WebhookDelivery" SET "lastError" = 'Could not deliver: the destination could not be reached or is not allowed.'
WHERE "lastError" LIKE 'Could not connect:%' OR "lastError" LIKE 'Could not deliver:%' OR "lastError" LIKE '%webhooks are sent only to public addresses%';
