-- CreateTable
CREATE TABLE "SingleSignOn" (
    "tenantId" TEXT NOT NULL PRIMARY KEY,
    "issuerUrl" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "sealedClientSecret" TEXT NOT NULL,
    "adminGroup" TEXT,
    "operatorGroup" TEXT,
    "readerGroup" TEXT,
    "defaultRole" TEXT NOT NULL DEFAULT 'NONE',
    "requireSso" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SingleSignOn_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SingleSignOnDomain" (
    "domain" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    CONSTRAINT "SingleSignOnDomain_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "SingleSignOn" ("tenantId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SingleSignOnDomain_tenantId_idx" ON "SingleSignOnDomain"("tenantId");
