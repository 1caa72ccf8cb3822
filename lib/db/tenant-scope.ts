// Where the tenant is enforced. Every query on a tenant-owned model (a model with a `tenantId`
// column) must name its tenant: `tenantId` in the where clause of reads, updates and deletes (or in a
// compound unique key, or in a top-level AND), and in the data of creates. A query that does not is
// refused before it reaches the database, so a forgotten filter fails loudly in tests instead of
// reading or changing another tenant's rows.
//
// A handful of lookups are cross-tenant by nature: the credential presented decides the tenant (a
// token by its digest, an OAuth client by its id), or sign-in starts from an email. They use
// `crossTenantDb` from lib/db/client.ts, and tenant-scope.test.ts keeps the list of modules that may.
import { Prisma } from "@/lib/db/generated/client";

/** Models with a tenantId column, by their delegate name (`db.apiToken` → "ApiToken"). */
export const TENANT_OWNED_MODELS: ReadonlySet<string> = new Set([
  "User",
  "ServiceAccount",
  "ApiToken",
  "ApiTokenTally",
  "ApiTokenTallyDelta",
  "AuditEvent",
  "Alert",
  "Activity",
  "Entity",
  "Subnet",
  "DiscoveryStream",
  "DiscoveredApp",
  "DiscoveryUpload",
  "AppRegistration",
  "AppConsent",
  "Webhook",
  "WebhookDelivery",
  "WebhookAttempt",
  "TokenExpiryNotice",
  "MailMessage",
  "ScimSecret",
  "ScimGroup",
  "ScimGroupMember",
  "SingleSignOn",
  "SingleSignOnDomain",
]);

export class TenantScopeError extends Error {
  constructor(model: string, operation: string, where: "where" | "data") {
    super(`Tenant scope: ${model}.${operation} must name its tenant (tenantId) in its ${where}. Use crossTenantDb only for lookups that are cross-tenant by design.`);
    this.name = "TenantScopeError";
  }
}

type Clause = Record<string, unknown> | undefined | null;

/** Whether a where clause pins one tenant: a string tenantId, itself, inside a compound key, or in a top-level AND. */
export function namesTenant(where: Clause): boolean {
  if (!where || typeof where !== "object") return false;
  const value = where.tenantId;
  if (typeof value === "string") return true;
  if (value && typeof value === "object" && typeof (value as { equals?: unknown }).equals === "string") return true;
  for (const [key, nested] of Object.entries(where)) {
    // Compound unique keys such as appId_tenantId: { appId, tenantId }.
    if (key !== "tenantId" && key.includes("tenantId") && nested && typeof nested === "object" && typeof (nested as Clause)!.tenantId === "string") return true;
  }
  const and = where.AND;
  if (Array.isArray(and)) return and.some((clause) => namesTenant(clause as Clause));
  if (and && typeof and === "object") return namesTenant(and as Clause);
  return false;
}

function dataNamesTenant(data: unknown): boolean {
  if (Array.isArray(data)) return data.length > 0 && data.every(dataNamesTenant);
  if (!data || typeof data !== "object") return false;
  const record = data as Record<string, unknown>;
  if (typeof record.tenantId === "string") return true;
  const connect = (record.tenant as { connect?: { id?: unknown } } | undefined)?.connect;
  return typeof connect?.id === "string";
}

const WHERE_OPERATIONS = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
]);
const DATA_OPERATIONS = new Set(["create", "createMany", "createManyAndReturn"]);

/** Throws TenantScopeError when a query on a tenant-owned model does not name its tenant. */
export function assertTenantScoped(model: string | undefined, operation: string, args: Record<string, unknown> | undefined): void {
  if (!model || !TENANT_OWNED_MODELS.has(model)) return;
  if (WHERE_OPERATIONS.has(operation)) {
    if (!namesTenant(args?.where as Clause)) throw new TenantScopeError(model, operation, "where");
  } else if (DATA_OPERATIONS.has(operation)) {
    if (!dataNamesTenant(args?.data)) throw new TenantScopeError(model, operation, "data");
  } else if (operation === "upsert") {
    if (!namesTenant(args?.where as Clause)) throw new TenantScopeError(model, operation, "where");
    if (!dataNamesTenant(args?.create)) throw new TenantScopeError(model, operation, "data");
  }
}

/** The Prisma client extension that applies the rule to every model query of a client. */
export const tenantScope = Prisma.defineExtension({
  name: "keyport-tenant-scope",
  query: {
    $allModels: {
      $allOperations({ model, operation, args, query }) {
        assertTenantScoped(model, operation, args as Record<string, unknown>);
        return query(args);
      },
    },
  },
});
