// What an app may do in a tenant right now (exists, enabled, consented scopes), cached for a second
// like API tokens: the API guard asks on every Bearer call, and changes on this instance drop the entry.
import { processState } from "@/lib/process-state";

export type AppAccess = { appId: string; appName: string; consentId: string; tenantId: string; tenantSlug: string; disabled: boolean; scopes: string[] };

export const APP_ACCESS_TTL_MS = 1_000;
const entries = processState("appAccessCache", () => new Map<string, { access: AppAccess | null; expiresAt: number }>());

const key = (appId: string, tenantId: string) => `${appId}:${tenantId}`;

export function getCachedAppAccess(appId: string, tenantId: string, now = Date.now()): AppAccess | null | undefined {
  const entry = entries.get(key(appId, tenantId));
  if (!entry || entry.expiresAt <= now) return undefined;
  return entry.access;
}

export function cacheAppAccess(appId: string, tenantId: string, access: AppAccess | null, now = Date.now()): void {
  if (entries.size > 10_000) entries.clear();
  entries.set(key(appId, tenantId), { access, expiresAt: now + APP_ACCESS_TTL_MS });
}

export function forgetAppAccess(appId: string): void {
  for (const name of entries.keys()) if (name.startsWith(`${appId}:`)) entries.delete(name);
}
