// The cross-tenant lookups of single sign-on: an email domain names at most one tenant, and sign-in
// starts from the email alone, before any tenant is known.
import { crossTenantDb } from "@/lib/db/client";

/** The tenant whose single sign-on claims the email's domain, or null. */
export async function tenantOfEmailDomain(email: string): Promise<string | null> {
  const domain = email.trim().toLowerCase().split("@").pop() ?? "";
  if (!domain || !email.includes("@")) return null;
  const row = await crossTenantDb.singleSignOnDomain.findUnique({ where: { domain }, select: { tenantId: true } });
  return row?.tenantId ?? null;
}

/**
 * Of `domains`, those another tenant has claimed already. Read before the save's transaction: two
 * tenants saving one domain at once are then told apart by the domain's primary key.
 */
export async function domainsOfOtherTenants(tenantId: string, domains: readonly string[]): Promise<string[]> {
  const rows = await crossTenantDb.singleSignOnDomain.findMany({ where: { domain: { in: [...domains] } }, select: { domain: true, tenantId: true } });
  return rows.filter((row) => row.tenantId !== tenantId).map((row) => row.domain);
}
