"use server";
// Server actions of app registrations: each re-checks the session, its tenant and the full-admin role;
// the lib functions scope every query to that tenant.
import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/auth/action-guard";
import type { ActionResult } from "@/lib/errors";
import { zodDetails } from "@/lib/validation/zod-details";
import { newAppSchema, newSecretSchema, scopeListSchema, uuidSchema } from "@/lib/validation/apps";
import { isScope } from "@/lib/permissions";
import {
  addAppPermissions,
  createClientSecret,
  deleteApp,
  deleteClientSecret,
  grantAdminConsent,
  registerApp,
  removeAppPermission,
  revokeAdminConsent,
  setAppDisabled,
} from "@/lib/oauth/apps";
import { inspectToken, type TokenInspection } from "@/lib/oauth/inspect-token";

const admin = { permission: "portal.apps.manage" } as const;
const NO_APP: ActionResult<never> = { ok: false, error: "No such application in this tenant." };
const LIST = "/settings/app-registrations";
const page = (appId: string) => `${LIST}/${appId}`;

export async function registerAppAction(input: unknown): Promise<ActionResult<{ id: string; name: string }>> {
  return guardedAction(admin, async (user) => {
    const parsed = newAppSchema.safeParse(input);
    if (!parsed.success) return { ok: false, error: "Check the highlighted fields.", fieldErrors: zodDetails(parsed.error) };
    const app = await registerApp({ id: user.id, tenantId: user.tenant.id }, parsed.data);
    revalidatePath(LIST);
    return { ok: true, value: app };
  });
}

/** One shape for the app page's actions: a valid app id of this tenant, then the change. */
function appAction<T>(appId: unknown, run: (actor: { id: string; tenantId: string }, appId: string) => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  return guardedAction(admin, async (user) => {
    const id = uuidSchema.safeParse(appId);
    if (!id.success) return NO_APP;
    const result = await run({ id: user.id, tenantId: user.tenant.id }, id.data);
    if (result.ok) revalidatePath(page(id.data));
    return result;
  });
}

const done = (changed: unknown): ActionResult => (changed ? { ok: true, value: undefined } : NO_APP);

export async function addPermissionsAction(appId: unknown, scopes: unknown): Promise<ActionResult> {
  return appAction(appId, async (actor, id) => {
    const parsed = scopeListSchema.safeParse(scopes);
    if (!parsed.success) return { ok: false, error: parsed.error.issues[0].message };
    return done(await addAppPermissions(actor, id, parsed.data));
  });
}

export async function removePermissionAction(appId: unknown, scope: unknown): Promise<ActionResult> {
  return appAction(appId, async (actor, id) => (typeof scope === "string" && isScope(scope) ? done(await removeAppPermission(actor, id, scope)) : NO_APP));
}

export async function grantConsentAction(appId: unknown): Promise<ActionResult<{ scopes: string[] }>> {
  return appAction(appId, async (actor, id) => {
    const granted = await grantAdminConsent(actor, id);
    return granted ? { ok: true, value: granted } : NO_APP;
  });
}

export async function revokeConsentAction(appId: unknown): Promise<ActionResult> {
  return appAction(appId, async (actor, id) => {
    await revokeAdminConsent(actor, id);
    return { ok: true, value: undefined };
  });
}

export async function createSecretAction(appId: unknown, input: unknown): Promise<ActionResult<{ description: string; value: string; expiresAt: string }>> {
  return appAction(appId, async (actor, id) => {
    const parsed = newSecretSchema.safeParse(input);
    if (!parsed.success) return { ok: false, error: "Check the highlighted fields.", fieldErrors: zodDetails(parsed.error) };
    const secret = await createClientSecret(actor, id, parsed.data);
    return secret ? { ok: true, value: secret } : NO_APP;
  });
}

export async function deleteSecretAction(appId: unknown, secretId: unknown): Promise<ActionResult> {
  return appAction(appId, async (actor, id) => {
    const secret = uuidSchema.safeParse(secretId);
    return secret.success ? done(await deleteClientSecret(actor, id, secret.data)) : NO_APP;
  });
}

export async function setAppDisabledAction(appId: unknown, disabled: unknown): Promise<ActionResult> {
  return appAction(appId, async (actor, id) => (typeof disabled === "boolean" ? done(await setAppDisabled(actor, id, disabled)) : NO_APP));
}

export async function deleteAppAction(appId: unknown): Promise<ActionResult<{ name: string }>> {
  return guardedAction(admin, async (user) => {
    const id = uuidSchema.safeParse(appId);
    const deleted = id.success ? await deleteApp({ id: user.id, tenantId: user.tenant.id }, id.data) : null;
    if (!deleted) return NO_APP;
    revalidatePath(LIST);
    return { ok: true, value: deleted };
  });
}

export async function inspectTokenAction(token: unknown): Promise<ActionResult<TokenInspection>> {
  return guardedAction(admin, async (user) => {
    if (typeof token !== "string" || token.length > 20_000) return { ok: false, error: "Paste a token of at most 20 000 characters." };
    return { ok: true, value: await inspectToken(token, user.tenant.slug) };
  });
}
