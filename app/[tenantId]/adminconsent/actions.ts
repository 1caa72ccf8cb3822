"use server";
import { guardedAction } from "@/lib/auth/action-guard";
import type { ActionResult } from "@/lib/errors";
import { grantAdminConsent } from "@/lib/oauth/apps";
import { uuidSchema } from "@/lib/validation/apps";

/** A full admin consents, for their own tenant, to a multi-tenant app (or an app of their own tenant). */
export async function grantConsentForTenantAction(appId: unknown): Promise<ActionResult<{ scopes: string[] }>> {
  return guardedAction({ permission: "portal.apps.manage" }, async (user) => {
    const id = uuidSchema.safeParse(appId);
    const granted = id.success ? await grantAdminConsent({ id: user.id, tenantId: user.tenant.id }, id.data) : null;
    return granted ? { ok: true, value: granted } : { ok: false, error: "This application does not exist, is disabled, or is not multi-tenant." };
  });
}
