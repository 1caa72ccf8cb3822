"use server";
// Server actions of the API tokens page. Any signed-in user generates tokens of their own; who may
// revoke which token is decided in lib/tokens/revoke-token.ts.
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/safe-action";
import { generateToken } from "@/lib/tokens/generate-token";
import { revokeApiToken } from "@/lib/tokens/revoke-token";
import { generateApiTokenSchema, revokeApiTokenSchema } from "@/lib/tokens/schemas";
import { tenantUrl } from "@/lib/tenants/tenant-url";

const PAGE = "/settings/api-tokens";

export const generateApiTokenAction = defineAction({ schema: generateApiTokenSchema }, async ({ name }, { user, actor }) => {
  const token = await generateToken({ tenantId: actor.tenantId, userId: actor.userId, kind: "API_TOKEN", name });
  revalidatePath(PAGE);
  return { name: token.name, value: token.value, tenantUrl: tenantUrl(user.tenant.slug) };
});

export const revokeApiTokenAction = defineAction(
  // A malformed id is answered like any token the person may not revoke.
  { schema: revokeApiTokenSchema, invalidMessage: "That token does not exist, or you may not revoke it." },
  async ({ tokenId }, { actor }) => {
    const revoked = await revokeApiToken(actor, tokenId);
    revalidatePath(PAGE);
    return revoked;
  },
);
