"use server";
// Server actions of the service-accounts pages: only a full admin may call them (the permission here,
// and lib/service-accounts again), and every query is scoped to the admin's own tenant.
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/safe-action";
import { createServiceAccount, createServiceAccountToken, deleteServiceAccount, setServiceAccountDisabled } from "@/lib/service-accounts/manage-service-accounts";
import { generateServiceAccountTokenSchema, newServiceAccountSchema, serviceAccountIdSchema } from "@/lib/service-accounts/schemas";
import { tenantUrl } from "@/lib/tenants/tenant-url";
import { revokeApiToken } from "@/lib/tokens/revoke-token";
import { revokeApiTokenSchema } from "@/lib/tokens/schemas";

const PAGE = "/settings/service-accounts";
const TOKENS_PAGE = "/settings/api-tokens";
const FULL_ADMIN = "portal.serviceAccounts.manage";

export const addServiceAccountAction = defineAction({ schema: newServiceAccountSchema, permission: FULL_ADMIN, invalidMessage: "Check the highlighted fields." }, async (input, { actor }) => {
  const account = await createServiceAccount(actor, input);
  revalidatePath(PAGE);
  return { id: account.id, name: account.name };
});

export const disableServiceAccountAction = defineAction({ schema: serviceAccountIdSchema, permission: FULL_ADMIN }, async ({ serviceAccountId }, { actor }) => {
  const account = await setServiceAccountDisabled(actor, serviceAccountId, true);
  revalidatePath(PAGE, "layout");
  return { name: account.name };
});

export const enableServiceAccountAction = defineAction({ schema: serviceAccountIdSchema, permission: FULL_ADMIN }, async ({ serviceAccountId }, { actor }) => {
  const account = await setServiceAccountDisabled(actor, serviceAccountId, false);
  revalidatePath(PAGE, "layout");
  return { name: account.name };
});

export const deleteServiceAccountAction = defineAction({ schema: serviceAccountIdSchema, permission: FULL_ADMIN }, async ({ serviceAccountId }, { actor }) => {
  const result = await deleteServiceAccount(actor, serviceAccountId);
  revalidatePath(PAGE, "layout");
  revalidatePath(TOKENS_PAGE);
  return result;
});

export const generateServiceAccountTokenAction = defineAction(
  { schema: generateServiceAccountTokenSchema, permission: FULL_ADMIN, invalidMessage: "Check the highlighted fields." },
  async ({ serviceAccountId, ...input }, { user, actor }) => {
    const { token, value } = await createServiceAccountToken(actor, serviceAccountId, input);
    revalidatePath(`${PAGE}/${serviceAccountId}`);
    revalidatePath(TOKENS_PAGE);
    return { name: token.name, value, tenantUrl: tenantUrl(user.tenant.slug), expiresAt: token.expiresAt };
  },
);

/** "Revoke" on a service account's page: as on the API tokens page, and both pages show it. */
export const revokeServiceAccountTokenAction = defineAction({ schema: revokeApiTokenSchema, permission: FULL_ADMIN }, async ({ tokenId }, { actor }) => {
  const { name } = await revokeApiToken(actor, tokenId);
  revalidatePath(PAGE, "layout");
  revalidatePath(TOKENS_PAGE);
  return { name };
});
