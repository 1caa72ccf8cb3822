// The tenant-specific URL that scripts use: KEYPORT_TENANT_URL_TEMPLATE, where {tenant} stands for the
// tenant's slug and {port} for PORT.
import { config } from "@/lib/config";

/** A tenant slug becomes a host name label: lowercase letters, digits and dashes. */
export const TENANT_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function tenantUrl(tenantSlug: string): string {
  return config.tenantUrlTemplate.replaceAll("{tenant}", tenantSlug).replaceAll("{port}", String(config.port)).replace(/\/+$/, "");
}

/** The tenant slug named by a request's Host header on a tenant URL, or null on the generic portal URL. */
export function tenantSlugFromHost(host: string | null | undefined): string | null {
  if (!host) return null;
  const hostname = host.replace(/:\d+$/, "").toLowerCase();
  const templateHost = config.tenantUrlTemplate.replace(/^[a-z]+:\/\//i, "").replace(/[:/].*$/, "").toLowerCase();
  const marker = templateHost.indexOf("{tenant}");
  if (marker < 0) return null;
  const before = templateHost.slice(0, marker);
  const after = templateHost.slice(marker + "{tenant}".length);
  if (!hostname.startsWith(before) || !hostname.endsWith(after)) return null;
  const slug = hostname.slice(before.length, hostname.length - after.length);
  return TENANT_SLUG_PATTERN.test(slug) ? slug : null;
}
