// The origins Keyport answers for, from configuration only: the portal's public URL
// (KEYPORT_PUBLIC_URL, by default http://localhost:PORT) and the tenant URLs of
// KEYPORT_TENANT_URL_TEMPLATE. Whatever Host, X-Forwarded-Host or X-Forwarded-Proto a request carries,
// no URL Keyport hands out (OAuth issuers and endpoints, redirects) names another origin: a forged
// Host could otherwise make a shared cache serve clients an attacker's token endpoint.
import { tenantSlugFromHost, tenantUrl } from "@/lib/tenants/tenant-url";
import { config } from "@/lib/config";

/** KEYPORT_PUBLIC_URL as an origin (scheme, host, port); lib/config.ts refuses a value that is not one. */
export function publicOrigin(): string {
  return new URL(config.publicUrl ?? `http://localhost:${config.port}`).origin;
}

/** True when the portal is served over HTTPS (then browsers are told to keep to it: HSTS). */
export function isPublicUrlHttps(): boolean {
  return publicOrigin().startsWith("https://");
}

/**
 * The configured origin a Host header names: the public URL's, or a tenant URL's (same host and
 * port); null for any other host.
 */
export function configuredOriginOfHost(host: string | null | undefined): string | null {
  if (!host) return null;
  const wanted = host.trim().toLowerCase();
  // A host name, an IPv4 or a bracketed IPv6 address, and a port: nothing a URL parser could read as more.
  if (!/^[a-z0-9.\-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/.test(wanted)) return null;
  const portal = new URL(publicOrigin());
  if (sameHost(portal, wanted)) return portal.origin;
  const slug = tenantSlugFromHost(wanted);
  if (!slug) return null;
  try {
    const tenant = new URL(tenantUrl(slug));
    return sameHost(tenant, wanted) ? tenant.origin : null;
  } catch {
    return null;
  }
}

/** Whether a Host header names the URL's host and port (a default port may be left out or not). */
function sameHost(url: URL, host: string): boolean {
  try {
    return new URL(`${url.protocol}//${host}`).host === url.host;
  } catch {
    return false;
  }
}
