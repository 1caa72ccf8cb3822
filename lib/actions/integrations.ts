"use server";
// Server actions of the SIEM agents and log collectors sections (full admins only).
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/safe-action";
import { createIntegration, deleteIntegration, regenerateIntegrationToken } from "@/lib/integrations/integrations";
import { createIntegrationSchema, integrationTargetSchema, type IntegrationKind } from "@/lib/integrations/schemas";
import { tenantUrl } from "@/lib/tenants/tenant-url";

const PAGES: Record<IntegrationKind, string> = { SIEM_AGENT: "/settings/siem-agents", LOG_COLLECTOR: "/settings/log-collectors" };
const permission = "portal.integrations.manage";
// A malformed id is answered like an id that names no integration.
const NO_SUCH_INTEGRATION = "That integration does not exist.";

export const createIntegrationAction = defineAction({ schema: createIntegrationSchema, permission }, async (input, { user, actor }) => {
  const created = await createIntegration(actor, input.kind, {
    name: input.name,
    sourceType: input.kind === "LOG_COLLECTOR" ? input.sourceType : undefined,
  });
  revalidatePath(PAGES[input.kind]);
  return { name: created.name, value: created.value, tenantUrl: tenantUrl(user.tenant.slug) };
});

export const regenerateIntegrationAction = defineAction({ schema: integrationTargetSchema, permission, invalidMessage: NO_SUCH_INTEGRATION }, async ({ kind, id }, { user, actor }) => {
  const regenerated = await regenerateIntegrationToken(actor, kind, id);
  revalidatePath(PAGES[kind]);
  return { ...regenerated, tenantUrl: tenantUrl(user.tenant.slug) };
});

export const deleteIntegrationAction = defineAction({ schema: integrationTargetSchema, permission, invalidMessage: NO_SUCH_INTEGRATION }, async ({ kind, id }, { actor }) => {
  const deleted = await deleteIntegration(actor, kind, id);
  revalidatePath(PAGES[kind]);
  return deleted;
});
