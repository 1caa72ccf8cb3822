// An application's standing in a tenant right now (exists, enabled, consented scopes), and whether the
// API accepts one of its access tokens. Cached for a second like API tokens; changes on this instance
// drop the entries at once, so removing a permission, revoking consent, disabling or deleting an app
// reaches tokens already issued.
import { db } from "@/lib/db/client";
import { isScope, type Scope } from "@/lib/permissions";
import { processState, type Owned } from "@/lib/process-state";
import { ttlCache, type TtlEntries } from "@/lib/ttl-cache";
import type { VerifiedAccessToken } from "@/lib/oauth/verify-access-token";

export type AppAccess = { appId: string; appName: string; consentId: string; tenantId: string; tenantSlug: string; disabled: boolean; scopes: Scope[] };

/** Consented scopes are kept as a JSON array of scope names. */
export const parseScopes = (json: string): Scope[] => (JSON.parse(json) as string[]).filter(isScope);

declare module "@/lib/process-state" {
  interface ProcessState {
    appAccessCache: Owned<"lib/oauth/app-access", TtlEntries<AppAccess | null>>;
    appLastUseWrites: Owned<"lib/oauth/app-access", Map<string, number>>;
  }
}

const cache = ttlCache<AppAccess | null>("appAccessCache", { ttlMs: 1_000, maxEntries: 10_000 });

export function forgetAppAccess(appId: string): void {
  cache.deleteWhere((key) => key.startsWith(`${appId}:`));
}

export async function appAccess(appId: string, tenantId: string): Promise<AppAccess | null> {
  const key = `${appId}:${tenantId}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const consent = await db.appConsent.findUnique({
    where: { appId_tenantId: { appId, tenantId } },
    include: { app: { select: { name: true, disabledAt: true } }, tenant: { select: { slug: true } } },
  });
  const access = consent
    ? { appId, appName: consent.app.name, consentId: consent.id, tenantId, tenantSlug: consent.tenant.slug, disabled: consent.app.disabledAt !== null, scopes: parseScopes(consent.scopesJson) }
    : null;
  cache.set(key, access);
  return access;
}

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
  const access = await appAccess(token.appId, token.tenantId);
  if (!access) return refuse("unauthorized", "The application no longer has access to this tenant: it was deleted or its consent was revoked.");
  if (access.disabled) return refuse("unauthorized", "The application is disabled by an administrator of its tenant.");
  if (tenantSlug && tenantSlug !== access.tenantSlug) return refuse("unauthorized", "The access token does not belong to this tenant.");
  if (token.roles.length === 0) {
    return refuse("forbidden", "The access token holds no application permissions (no roles claim): add permissions and grant admin consent.");
  }
  return { accepted: true, access, scopes: token.roles.filter((role): role is Scope => isScope(role) && access.scopes.includes(role)) };
}

const lastWrite = processState("appLastUseWrites", () => new Map<string, number>());

/** Last use of an app in a tenant: at most one write per minute per consent, like API tokens. */
export function recordAppUse(consentId: string, now = Date.now()): void {
  if (now - (lastWrite.get(consentId) ?? 0) < 60_000) return;
  lastWrite.set(consentId, now);
  if (lastWrite.size > 10_000) lastWrite.clear();
  db.appConsent
    .updateMany({ where: { id: consentId }, data: { lastUsedAt: new Date(now) } })
    .catch((error: unknown) => console.error("keyport: could not record an app's last use", error));
}
