// The tenant-specific URL that scripts use (CONTRACT §1: KEYPORT_TENANT_URL_TEMPLATE).
export const DEFAULT_TENANT_URL_TEMPLATE = "http://{tenant}.localhost:{port}";

export function tenantUrl(tenantSlug: string): string {
  const template = process.env.KEYPORT_TENANT_URL_TEMPLATE || DEFAULT_TENANT_URL_TEMPLATE;
  const port = process.env.PORT || "3000";
  return template.replaceAll("{tenant}", tenantSlug).replaceAll("{port}", port).replace(/\/+$/, "");
}

/** The tenant slug named by a request's Host header on a tenant URL, or null on the generic portal URL. */
export function tenantSlugFromHost(host: string | null | undefined): string | null {
  if (!host) return null;
  const hostname = host.replace(/:\d+$/, "").toLowerCase();
  const template = process.env.KEYPORT_TENANT_URL_TEMPLATE || DEFAULT_TENANT_URL_TEMPLATE;
  const templateHost = template.replace(/^[a-z]+:\/\//i, "").replace(/[:/].*$/, "").toLowerCase();
  const marker = templateHost.indexOf("{tenant}");
  if (marker < 0) return null;
  const before = templateHost.slice(0, marker);
  const after = templateHost.slice(marker + "{tenant}".length);
  if (!hostname.startsWith(before) || !hostname.endsWith(after)) return null;
  const slug = hostname.slice(before.length, hostname.length - after.length);
  return /^[a-z0-9][a-z0-9-]{0,62}$/.test(slug) ? slug : null;
}
