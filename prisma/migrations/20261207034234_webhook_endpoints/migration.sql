-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Webhook" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "eventsJson" TEXT NOT NULL,
    "secretEnc" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "failureStreak" INTEGER NOT NULL DEFAULT 0,
    "retryAt" DATETIME,
    "pausedAt" DATETIME,
    "pausedReason" TEXT,
    "lockedUntil" DATETIME,
    "lockedBy" TEXT,
    CONSTRAINT "Webhook_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Webhook" ("createdAt", "createdById", "description", "eventsJson", "id", "secretEnc", "tenantId", "url") SELECT "createdAt", "createdById", "description", "eventsJson", "id", "secretEnc", "tenantId", "url" FROM "Webhook";
DROP TABLE "Webhook";
ALTER TABLE "new_Webhook" RENAME TO "Webhook";
CREATE INDEX "Webhook_tenantId_createdAt_idx" ON "Webhook"("tenantId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "WebhookDelivery_webhookId_status_nextAttemptAt_idx" ON "WebhookDelivery"("webhookId", "status", "nextAttemptAt");

-- Earlier versions wrote why a destination could not be reached (what a name resolved to, the
-- connection error's code) into the delivery log, which a tenant's admin reads: the same neutral words
-- now stand for every refused or unreachable destination.
UPDATE "WebhookAttempt" SET "error" = 'Could not deliver: the destination could not be reached or is not allowed.'
WHERE "error" LIKE 'Could not connect:%' OR "error" LIKE 'Could not deliver:%' OR "error" LIKE '%webhooks are sent only to public addresses%';
UPDATE "WebhookDelivery" SET "lastError" = 'Could not deliver: the destination could not be reached or is not allowed.'
WHERE "lastError" LIKE 'Could not connect:%' OR "lastError" LIKE 'Could not deliver:%' OR "lastError" LIKE '%webhooks are sent only to public addresses%';
