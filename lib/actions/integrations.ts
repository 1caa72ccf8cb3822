"use server";
// Server actions of the SIEM agents and log collectors sections (full admins only).
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/safe-action";
import { createIntegration, deleteIntegration, rotateIntegrationToken } from "@/lib/integrations/integrations";
import { createIntegrationSchema, integrationTargetSchema, rotateIntegrationSchema, type IntegrationKind } from "@/lib/integrations/schemas";
import { tenantUrl } from "@/lib/tenants/tenant-url";
import { shownRotation } from "@/lib/tokens/rotate-token";

const PAGES: Record<IntegrationKind, string> = { SIEM_AGENT: "/settings/siem-agents", LOG_COLLECTOR: "/settings/log-collectors" };
const permission = "portal.integrations.manage";
// A malformed id is answered like an id that names no integration.
const NO_SUCH_INTEGRATION = "That integration does not exist.";

export const createIntegrationAction = defineAction({ schema: createIntegrationSchema, permission, invalidMessage: "Check the highlighted fields." }, async (input, { user, actor }) => {
  const created = await createIntegration(actor, input.kind, {
    name: input.name,
    sourceType: input.kind === "LOG_COLLECTOR" ? input.sourceType : undefined,
    expiration: input.expiration,
  });
  revalidatePath(PAGES[input.kind]);
  return { name: created.name, value: created.value, tenantUrl: tenantUrl(user.tenant.slug) };
});

/** A new value for the integration's token; the old one works for the grace period, then is refused. */
export const rotateIntegrationAction = defineAction({ schema: rotateIntegrationSchema, permission, invalidMessage: NO_SUCH_INTEGRATION }, async ({ kind, id, graceSeconds }, { user, actor }) => {
  const rotated = await rotateIntegrationToken(actor, kind, id, { graceSeconds });
  revalidatePath(PAGES[kind]);
  revalidatePath("/settings/token-policy");
  return shownRotation(rotated, tenantUrl(user.tenant.slug));
});

export const deleteIntegrationAction = defineAction({ schema: integrationTargetSchema, permission, invalidMessage: NO_SUCH_INTEGRATION }, async ({ kind, id }, { actor }) => {
  const deleted = await deleteIntegration(actor, kind, id);
  revalidatePath(PAGES[kind]);
  return deleted;
});
