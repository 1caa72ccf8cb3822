// An application's standing in a tenant right now (consented, enabled, which scopes), decided here for
// every edge: the token endpoint before it issues a token, the API guard and the portal's token
// inspector before they accept one, and the consent page before an admin may consent. Standing is
// cached for a second like API tokens; a change drops the entries at once, on this instance and (through
// the database's cache events) on every other one, so removing a permission, revoking consent,
// disabling or deleting an app reaches tokens already issued.
import { crossTenantDb, db } from "@/lib/db/client";
import { cachesTrusted, publishInvalidation, registerInvalidation } from "@/lib/cache/cache-events";
import { AppError } from "@/lib/errors";
import { isScope, type Scope } from "@/lib/permissions";
import { throttleCutoff, throttledRecorder } from "@/lib/throttled-recorder";
import type { Owned } from "@/lib/process-state";
import { dropWhere, processCache, type ProcessCache } from "@/lib/cache/process-cache";
import type { VerifiedAccessToken } from "@/lib/oauth/verify-access-token";

export type AppAccess = { appId: string; appName: string; consentId: string; tenantId: string; tenantSlug: string; disabled: boolean; scopes: Scope[] };

/** Consented scopes are kept as a JSON array of scope names. */
export const parseScopes = (json: string): Scope[] => (JSON.parse(json) as string[]).filter(isScope);

declare module "@/lib/process-state" {
  interface ProcessState {
    appAccessCache: Owned<"lib/oauth/app-access", ProcessCache<{ access: AppAccess | null }>>;
  }
}

// Each entry holds the answer, a "no consent" (null) included.
const cache = processCache<{ access: AppAccess | null }>("appAccessCache", { ttlMs: 1_000, maxEntries: 10_000 });

// Counts the drops: a lookup that read the database before one must not put the old standing back.
let drops = 0;
const dropApp = (appId: string) => {
  drops++;
  dropWhere(cache, (key) => key.startsWith(`${appId}:`));
};
registerInvalidation("appAccess", {
  drop: dropApp,
  dropAll: () => {
    drops++;
    cache.clear();
  },
});

/** After the app's standing changed: here and on every instance, by the time it resolves. */
export async function forgetAppAccess(appId: string): Promise<void> {
  dropApp(appId);
  await publishInvalidation("appAccess", appId);
}

/**
 * The app's consent in a tenant, or null when there is none (no admin of the tenant consents to it, or
 * the app was deleted).
 * `fresh` reads the database even when a cached answer is live (the token endpoint does: a consent
 * granted a moment ago must reach the next token at once).
 */
export async function appAccess(appId: string, tenantId: string, options: { fresh?: boolean } = {}): Promise<AppAccess | null> {
  const key = `${appId}:${tenantId}`;
  if (!options.fresh && cachesTrusted()) {
    const cached = cache.get(key);
    if (cached !== undefined) return cached.access;
  }
  const seenDrops = drops;
  const consent = await db.appConsent.findUnique({
    where: { appId_tenantId: { appId, tenantId } },
    include: { app: { select: { name: true, disabledAt: true } }, tenant: { select: { slug: true } } },
  });
  const access = consent
    ? { appId, appName: consent.app.name, consentId: consent.id, tenantId, tenantSlug: consent.tenant.slug, disabled: consent.app.disabledAt !== null, scopes: parseScopes(consent.scopesJson) }
    : null;
  if (seenDrops === drops) cache.set(key, { access });
  return access;
}

/**
 * Whether the admins of `tenantId` may consent to the app (and the app get tokens there): an app's own
 * tenant always may; another tenant only to an enabled multi-tenant app.
 */
export function tenantMayConsent(app: ConsentTarget, tenantId: string): boolean {
  return app.tenantId === tenantId || (app.multiTenant && !app.disabledAt);
}

type ConsentTarget = { tenantId: string; multiTenant: boolean; disabledAt: Date | null };

/** What a disabled application's refusal says, at the token endpoint and at the API. */
export const APP_DISABLED_MESSAGE = "The application is disabled by an administrator of its tenant.";

/** Refuses ("forbidden") an app the admins of `tenantId` may not consent to, saying why. */
export function requireTenantMayConsent(app: ConsentTarget, tenantId: string): void {
  if (tenantMayConsent(app, tenantId)) return;
  throw new AppError(
    "forbidden",
    app.multiTenant ? APP_DISABLED_MESSAGE : "The application is registered in another tenant and is not multi-tenant: it gets tokens only for its own tenant.",
  );
}

/**
 * What the API accepts of a token whose signature and claims were verified, on the given tenant's URL
 * (null: the generic URL): the app's consent in the token's tenant, and the token's roles as far as the
 * tenant consents to them now. Refuses a deleted, disabled or unconsented app and a token of another
 * tenant ("unauthorized"), and a token without roles ("forbidden"). The API guard and the portal's token
 * inspector both decide here.
 */
export async function acceptAppToken(token: VerifiedAccessToken, tenantSlug: string | null): Promise<{ access: AppAccess; scopes: Scope[] }> {
  const access = await appAccess(token.appId, token.tenantId);
  if (!access) throw new AppError("unauthorized", "The application no longer has access to this tenant: it was deleted or its consent was revoked.");
  if (access.disabled) throw new AppError("unauthorized", APP_DISABLED_MESSAGE);
  if (tenantSlug && tenantSlug !== access.tenantSlug) throw new AppError("unauthorized", "The access token does not belong to this tenant.");
  if (token.roles.length === 0) {
    throw new AppError("forbidden", "The access token holds no application permissions (no roles claim): add permissions and grant admin consent.");
  }
  return { access, scopes: token.roles.filter((role): role is Scope => isScope(role) && access.scopes.includes(role)) };
}

const appUses = throttledRecorder<{ at: number }>("appLastUse", (consentId, use, context) => {
  const at = new Date(use.at);
  // By the consent's id alone: the API guard has just read this consent for the token's own tenant.
  // Conditional like API tokens' last use: at most one write a minute for the whole deployment.
  return crossTenantDb.appConsent.updateMany({
    where: { id: consentId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: throttleCutoff(at, context) } }] },
    data: { lastUsedAt: at },
  });
});

/** Last use of an app in a tenant: at most one write per minute per consent, like API tokens. */
export function recordAppUse(consentId: string, now = Date.now()): void {
  appUses.record(consentId, { at: now });
}
