"use server";
// Server actions of the API tokens page and its details page. Any signed-in user generates tokens of
// their own; who may rotate or revoke which token is decided in lib/tokens (their own, or any of the
// tenant's for a full admin). Offboarding (every token of one user) is for full admins.
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/safe-action";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { revokeAllTokensOfUser, revokeApiToken, revokeApiTokens } from "@/lib/tokens/revoke-token";
import { rotateApiToken, shownRotation } from "@/lib/tokens/rotate-token";
import { generateApiTokenSchema, revokeAllTokensOfUserSchema, revokeApiTokenSchema, revokeApiTokensSchema, rotateApiTokenSchema, tokenNameInUseSchema } from "@/lib/tokens/schemas";
import { ownTokensNamed } from "@/lib/tokens/list-api-tokens";
import { tenantUrl } from "@/lib/tenants/tenant-url";

const PAGE = "/settings/api-tokens";
const POLICY_PAGE = "/settings/token-policy";
// A service account's token is rotated in this page's dialog on the account's own page too.
const SERVICE_ACCOUNT_PAGES = "/settings/service-accounts";
// A malformed id is answered like any token the person may not touch.
const NOT_REVOCABLE = "That token does not exist, or you may not revoke it.";
const NOT_ROTATABLE = "That token does not exist, or you may not rotate it.";

export const generateApiTokenAction = defineAction({ schema: generateApiTokenSchema, invalidMessage: "Check the highlighted fields." }, async (input, { user, actor }) => {
  const { token, value } = await createApiToken(actor, input);
  revalidatePath(PAGE);
  return { name: token.name, value, tenantUrl: tenantUrl(user.tenant.slug), expiresAt: token.expiresAt };
});

export const revokeApiTokenAction = defineAction({ schema: revokeApiTokenSchema, invalidMessage: NOT_REVOCABLE }, async ({ tokenId }, { actor }) => {
  const { name } = await revokeApiToken(actor, tokenId);
  revalidatePath(PAGE);
  revalidatePath(POLICY_PAGE);
  return { name };
});

/** "Revoke selected": all of them, or none when any is not the person's to revoke. */
export const revokeApiTokensAction = defineAction(
  { schema: revokeApiTokensSchema, invalidMessage: "One or more of these tokens do not exist, or you may not revoke them. Nothing was revoked." },
  async ({ tokenIds }, { actor }) => {
    const revoked = await revokeApiTokens(actor, tokenIds);
    revalidatePath(PAGE);
    return { count: revoked.names.length };
  },
);

/** How many of the person's own live tokens already have this name: the dialog warns, it never refuses. */
export const tokenNameInUseAction = defineAction({ schema: tokenNameInUseSchema, invalidMessage: "That is not a token name." }, async ({ name }, { actor }) => {
  return { count: name ? await ownTokensNamed(actor, name) : 0 };
});

export const rotateApiTokenAction = defineAction({ schema: rotateApiTokenSchema, invalidMessage: NOT_ROTATABLE }, async ({ tokenId, graceSeconds, expiration }, { user, actor }) => {
  const rotated = await rotateApiToken(actor, tokenId, { graceSeconds, expiration });
  revalidatePath(PAGE);
  revalidatePath(POLICY_PAGE);
  revalidatePath(SERVICE_ACCOUNT_PAGES, "layout");
  return shownRotation(rotated, tenantUrl(user.tenant.slug));
});

/** Offboarding from the Users page: every live API token of one user of the admin's tenant. */
export const revokeAllTokensOfUserAction = defineAction(
  { schema: revokeAllTokensOfUserSchema, permission: "portal.users.manage", invalidMessage: "That user does not exist in your organization." },
  async ({ userId }, { actor }) => {
    const revoked = await revokeAllTokensOfUser(actor, userId);
    revalidatePath("/settings/users");
    revalidatePath(PAGE);
    return revoked;
  },
);
