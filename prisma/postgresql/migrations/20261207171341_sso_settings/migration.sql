-- CreateTable
CREATE TABLE "SingleSignOn" (
    "tenantId" TEXT NOT NULL,
    "issuerUrl" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "sealedClientSecret" TEXT NOT NULL,
    "adminGroup" TEXT,
    "operatorGroup" TEXT,
    "readerGroup" TEXT,
    "defaultRole" TEXT NOT NULL DEFAULT 'NONE',
    "requireSso" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SingleSignOn_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "SingleSignOnDomain" (
    "domain" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,

    CONSTRAINT "SingleSignOnDomain_pkey" PRIMARY KEY ("domain")
);

-- CreateIndex
CREATE INDEX "SingleSignOnDomain_tenantId_idx" ON "SingleSignOnDomain"("tenantId");

-- AddForeignKey
ALTER TABLE "SingleSignOn" ADD CONSTRAINT "SingleSignOn_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SingleSignOnDomain" ADD CONSTRAINT "SingleSignOnDomain_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "SingleSignOn"("tenantId") ON DELETE CASCADE ON UPDATE CASCADE;
