"use server";
// The admin consent page's action: a full admin consents, for their own tenant, to a multi-tenant app
// (or to an app of their own tenant).
import { defineAction } from "@/lib/actions/safe-action";
import { AppError, isAppError } from "@/lib/errors";
import { grantAdminConsent } from "@/lib/oauth/apps";
import { appRefSchema } from "@/lib/oauth/schemas";

// On this page the app is usually another tenant's: say why consent can fail, not "in this tenant".
const CANNOT_CONSENT = "This application does not exist, is disabled, or is not multi-tenant.";

export const grantConsentForTenantAction = defineAction(
  { schema: appRefSchema, permission: "portal.apps.manage", invalidMessage: CANNOT_CONSENT },
  async ({ appId }, { actor }) => {
    try {
      return await grantAdminConsent(actor, appId);
    } catch (error) {
      if (isAppError(error) && error.code === "not_found") throw new AppError("not_found", CANNOT_CONSENT, { cause: error });
      throw error;
    }
  },
);
