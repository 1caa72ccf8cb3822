-- DropIndex
DROP INDEX "AuditEvent_tenantId_createdAt_idx";

-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "allowedIpsJson" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "lifetimeSeconds" INTEGER,
ADD COLUMN     "previousDigest" TEXT,
ADD COLUMN     "previousValidUntil" TIMESTAMP(3),
ADD COLUMN     "rotatedAt" TIMESTAMP(3),
ADD COLUMN     "scopesJson" TEXT;

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "occurrences" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "targetLabel" TEXT;

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "maxTokenLifetimeDays" INTEGER;

-- CreateTable
CREATE TABLE "Webhook" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "eventsJson" TEXT NOT NULL,
    "secretEnc" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Webhook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attemptCount" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "lockedBy" TEXT,
    "lastStatusCode" INTEGER,
    "lastDurationMs" INTEGER,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookAttempt" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "statusCode" INTEGER,
    "durationMs" INTEGER NOT NULL,
    "error" TEXT,
    "responseExcerpt" TEXT,

    CONSTRAINT "WebhookAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SchedulerJob" (
    "name" TEXT NOT NULL,
    "nextRunAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "lockedBy" TEXT,

    CONSTRAINT "SchedulerJob_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "TokenExpiryNotice" (
    "tokenId" TEXT NOT NULL,
    "threshold" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "tenantId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TokenExpiryNotice_pkey" PRIMARY KEY ("tokenId","threshold","expiresAt")
);

-- CreateIndex
CREATE INDEX "Webhook_tenantId_createdAt_idx" ON "Webhook"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_tenantId_webhookId_createdAt_id_idx" ON "WebhookDelivery"("tenantId", "webhookId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "WebhookAttempt_deliveryId_number_idx" ON "WebhookAttempt"("deliveryId", "number");

-- CreateIndex
CREATE INDEX "TokenExpiryNotice_tenantId_idx" ON "TokenExpiryNotice"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_previousDigest_key" ON "ApiToken"("previousDigest");

-- CreateIndex
CREATE INDEX "ApiToken_expiresAt_revokedAt_idx" ON "ApiToken"("expiresAt", "revokedAt");

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_createdAt_id_idx" ON "AuditEvent"("tenantId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_action_createdAt_id_idx" ON "AuditEvent"("tenantId", "action", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_actorUserId_createdAt_id_idx" ON "AuditEvent"("tenantId", "actorUserId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_targetId_createdAt_id_idx" ON "AuditEvent"("tenantId", "targetId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_targetLabel_createdAt_id_idx" ON "AuditEvent"("tenantId", "targetLabel", "createdAt", "id");

-- AddForeignKey
ALTER TABLE "Webhook" ADD CONSTRAINT "Webhook_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookAttempt" ADD CONSTRAINT "WebhookAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "WebhookDelivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;
