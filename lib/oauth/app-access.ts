// An application's standing in a tenant right now (consented, enabled, which scopes), decided here for
// every edge: the token endpoint before it issues a token, the API guard and the portal's token
// inspector before they accept one, and the consent page before an admin may consent. Standing is
// cached for a second like API tokens; a change drops the entries at once, on this instance and (through
// the database's cache events) on every other one, so removing a permission, revoking consent,
// disabling or deleting an app reaches tokens already issued.
import { crossTenantDb, db } from "@/lib/db/client";
import { cachesTrusted, publishInvalidation, registerInvalidation } from "@/lib/cache/cache-events";
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
 * The app's consent in a tenant, or null when no admin of the tenant consents to it (or it was deleted).
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

export type AppStanding = { ok: true; access: AppAccess } | { ok: false; refusal: "not_consented" | "disabled" };

/** Whether an app may act in a tenant now: it needs an admin's consent there, and to be enabled. */
export async function appStanding(appId: string, tenantId: string, options: { fresh?: boolean } = {}): Promise<AppStanding> {
  const access = await appAccess(appId, tenantId, options);
  if (!access) return { ok: false, refusal: "not_consented" };
  if (access.disabled) return { ok: false, refusal: "disabled" };
  return { ok: true, access };
}

/**
 * Why the admins of `tenantId` may not consent to the app (nor the app get tokens there), or null when
 * they may: an app's own tenant always may; another tenant only to an enabled multi-tenant app.
 */
export function consentRefusal(app: { tenantId: string; multiTenant: boolean; disabledAt: Date | null }, tenantId: string): "single_tenant" | "disabled" | null {
  if (app.tenantId === tenantId) return null;
  if (!app.multiTenant) return "single_tenant";
  if (app.disabledAt) return "disabled";
  return null;
}

/** What a disabled application's refusal says, at the token endpoint and at the API. */
export const APP_DISABLED_MESSAGE = "The application is disabled by an administrator of its tenant.";

export type AppTokenStanding =
  | { accepted: true; access: AppAccess; scopes: Scope[] }
  | { accepted: false; code: "unauthorized" | "forbidden"; message: string };

/**
 * Whether the API accepts a token whose signature and claims were verified, on the given tenant's URL
 * (null: the generic URL). The token's roles count only as far as the tenant consents to them now.
 * The API guard and the portal's token inspector both decide here.
 */
export async function appTokenStanding(token: VerifiedAccessToken, tenantSlug: string | null): Promise<AppTokenStanding> {
  const refuse = (code: "unauthorized" | "forbidden", message: string) => ({ accepted: false as const, code, message });
  const standing = await appStanding(token.appId, token.tenantId);
  if (!standing.ok) {
    return refuse(
      "unauthorized",
      standing.refusal === "disabled" ? APP_DISABLED_MESSAGE : "The application no longer has access to this tenant: it was deleted or its consent was revoked.",
    );
  }
  const { access } = standing;
  if (tenantSlug && tenantSlug !== access.tenantSlug) return refuse("unauthorized", "The access token does not belong to this tenant.");
  if (token.roles.length === 0) {
    return refuse("forbidden", "The access token holds no application permissions (no roles claim): add permissions and grant admin consent.");
  }
  return { accepted: true, access, scopes: token.roles.filter((role): role is Scope => isScope(role) && access.scopes.includes(role)) };
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
