"use server";
// Server actions of the API tokens page. Each one re-checks the session, tenant and role.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardedAction } from "@/lib/auth/action-guard";
import type { ActionResult } from "@/lib/errors";
import { generateToken } from "@/lib/tokens/generate-token";
import { revokeApiToken } from "@/lib/tokens/revoke-token";
import { tenantUrl } from "@/lib/tenants/tenant-url";
import { tokenNameSchema } from "@/lib/validation/tokens";

const PAGE = "/settings/api-tokens";

export async function generateApiTokenAction(name: unknown): Promise<ActionResult<{ name: string; value: string; tenantUrl: string }>> {
  return guardedAction({}, async (user) => {
    const parsed = tokenNameSchema.safeParse(name);
    if (!parsed.success) return { ok: false, error: parsed.error.issues[0].message, fieldErrors: { name: [parsed.error.issues[0].message] } };
    const token = await generateToken({ tenantId: user.tenant.id, userId: user.id, kind: "API_TOKEN", name: parsed.data });
    revalidatePath(PAGE);
    return { ok: true, value: { name: token.name, value: token.value, tenantUrl: tenantUrl(user.tenant.slug) } };
  });
}

export async function revokeApiTokenAction(tokenId: unknown): Promise<ActionResult<{ name: string }>> {
  return guardedAction({}, async (user) => {
    const id = z.string().uuid().safeParse(tokenId);
    const revoked = id.success ? await revokeApiToken({ id: user.id, role: user.role, tenantId: user.tenant.id }, id.data) : null;
    if (!revoked) return { ok: false, error: "That token does not exist, or you may not revoke it." };
    revalidatePath(PAGE);
    return { ok: true, value: revoked };
  });
}
