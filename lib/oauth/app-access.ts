import { db } from "@/lib/db/client";
import { parseScopes } from "@/lib/oauth/apps";
import { cacheAppAccess, getCachedAppAccess, type AppAccess } from "@/lib/oauth/app-access-cache";

/** The app's standing in a tenant right now, or null when the app or its consent there is gone. */
export async function appAccess(appId: string, tenantId: string): Promise<AppAccess | null> {
  const cached = getCachedAppAccess(appId, tenantId);
  if (cached !== undefined) return cached;
  const consent = await db.appConsent.findUnique({ where: { appId_tenantId: { appId, tenantId } }, include: { app: { select: { name: true, disabledAt: true } }, tenant: { select: { slug: true } } } });
  const access = consent
    ? { appId, appName: consent.app.name, consentId: consent.id, tenantId, tenantSlug: consent.tenant.slug, disabled: consent.app.disabledAt !== null, scopes: parseScopes(consent.scopesJson) }
    : null;
  cacheAppAccess(appId, tenantId, access);
  return access;
}

const lastWrite = new Map<string, number>();

/** Last use of an app in a tenant: at most one write per minute per consent, like API tokens. */
export function recordAppUse(consentId: string, now = Date.now()): void {
  if (now - (lastWrite.get(consentId) ?? 0) < 60_000) return;
  lastWrite.set(consentId, now);
  if (lastWrite.size > 10_000) lastWrite.clear();
  db.appConsent
    .updateMany({ where: { id: consentId }, data: { lastUsedAt: new Date(now) } })
    .catch((error: unknown) => console.error("keyport: could not record an app's last use", error));
}
