"use server";
// Server actions of the SIEM agents and log collectors sections (full admins only).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardedAction } from "@/lib/auth/action-guard";
import type { ActionResult } from "@/lib/errors";
import { createIntegration, deleteIntegration, regenerateIntegrationToken, INTEGRATION_KINDS, LOG_COLLECTOR_SOURCES, type IntegrationKind } from "@/lib/integrations/integrations";
import { tenantUrl } from "@/lib/tenants/tenant-url";
import { tokenNameSchema } from "@/lib/validation/tokens";
import { zodDetails } from "@/lib/validation/zod-details";

const PAGES: Record<IntegrationKind, string> = { SIEM_AGENT: "/settings/siem-agents", LOG_COLLECTOR: "/settings/log-collectors" };
const kindSchema = z.enum(INTEGRATION_KINDS);
const createSchema = z.object({ name: tokenNameSchema, sourceType: z.enum(LOG_COLLECTOR_SOURCES, { error: "Choose the source of the logs." }).optional() });

type Secret = { name: string; value: string; tenantUrl: string };

export async function createIntegrationAction(kind: unknown, input: unknown): Promise<ActionResult<Secret>> {
  return guardedAction({ permission: "portal.integrations.manage" }, async (user) => {
    const parsedKind = kindSchema.parse(kind);
    const parsed = createSchema.safeParse(input);
    if (!parsed.success) return { ok: false, error: parsed.error.issues[0].message, fieldErrors: zodDetails(parsed.error) };
    if (parsedKind === "LOG_COLLECTOR" && !parsed.data.sourceType) {
      return { ok: false, error: "Choose the source of the logs.", fieldErrors: { sourceType: ["Choose the source of the logs."] } };
    }
    const created = await createIntegration({ id: user.id, tenantId: user.tenant.id }, parsedKind, {
      name: parsed.data.name,
      sourceType: parsedKind === "LOG_COLLECTOR" ? parsed.data.sourceType : undefined,
    });
    revalidatePath(PAGES[parsedKind]);
    return { ok: true, value: { name: created.name, value: created.value, tenantUrl: tenantUrl(user.tenant.slug) } };
  });
}

export async function regenerateIntegrationAction(kind: unknown, id: unknown): Promise<ActionResult<Secret>> {
  return guardedAction({ permission: "portal.integrations.manage" }, async (user) => {
    const parsedKind = kindSchema.parse(kind);
    const parsedId = z.string().uuid().safeParse(id);
    const result = parsedId.success ? await regenerateIntegrationToken({ id: user.id, tenantId: user.tenant.id }, parsedKind, parsedId.data) : null;
    if (!result) return { ok: false, error: "That integration does not exist." };
    revalidatePath(PAGES[parsedKind]);
    return { ok: true, value: { ...result, tenantUrl: tenantUrl(user.tenant.slug) } };
  });
}

export async function deleteIntegrationAction(kind: unknown, id: unknown): Promise<ActionResult<{ name: string }>> {
  return guardedAction({ permission: "portal.integrations.manage" }, async (user) => {
    const parsedKind = kindSchema.parse(kind);
    const parsedId = z.string().uuid().safeParse(id);
    const result = parsedId.success ? await deleteIntegration({ id: user.id, tenantId: user.tenant.id }, parsedKind, parsedId.data) : null;
    if (!result) return { ok: false, error: "That integration does not exist." };
    revalidatePath(PAGES[parsedKind]);
    return { ok: true, value: result };
  });
}
