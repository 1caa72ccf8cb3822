"use server";
// Server actions of app registrations, for full admins: each built by defineAction, which re-reads the
// user, checks the permission and parses the input; lib/oauth/apps.ts scopes every change to the
// admin's tenant.
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/safe-action";
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
import { inspectToken } from "@/lib/oauth/inspect-token";
import {
  addPermissionsSchema,
  appRefSchema,
  createSecretSchema,
  deleteSecretSchema,
  inspectTokenSchema,
  MAX_INSPECTED_TOKEN_MESSAGE,
  newAppSchema,
  NO_SUCH_APP,
  removePermissionSchema,
  setAppDisabledSchema,
} from "@/lib/oauth/schemas";

const permission = "portal.apps.manage";
const LIST = "/settings/app-registrations";
const appPage = (appId: string) => `${LIST}/${appId}`;
const CHECK_FIELDS = "Check the highlighted fields.";

export const registerAppAction = defineAction({ schema: newAppSchema, permission, invalidMessage: CHECK_FIELDS }, async (input, { actor }) => {
  const app = await registerApp(actor, input);
  revalidatePath(LIST);
  return app;
});

export const addPermissionsAction = defineAction({ schema: addPermissionsSchema, permission }, async ({ appId, scopes }, { actor }) => {
  await addAppPermissions(actor, appId, scopes);
  revalidatePath(appPage(appId));
});

export const removePermissionAction = defineAction({ schema: removePermissionSchema, permission, invalidMessage: NO_SUCH_APP }, async ({ appId, scope }, { actor }) => {
  await removeAppPermission(actor, appId, scope);
  revalidatePath(appPage(appId));
});

export const grantConsentAction = defineAction({ schema: appRefSchema, permission, invalidMessage: NO_SUCH_APP }, async ({ appId }, { actor }) => {
  const granted = await grantAdminConsent(actor, appId);
  revalidatePath(appPage(appId));
  return granted;
});

export const revokeConsentAction = defineAction({ schema: appRefSchema, permission, invalidMessage: NO_SUCH_APP }, async ({ appId }, { actor }) => {
  await revokeAdminConsent(actor, appId);
  revalidatePath(appPage(appId));
});

export const createSecretAction = defineAction({ schema: createSecretSchema, permission, invalidMessage: CHECK_FIELDS }, async ({ appId, ...secret }, { actor }) => {
  const created = await createClientSecret(actor, appId, secret);
  revalidatePath(appPage(appId));
  return created;
});

export const deleteSecretAction = defineAction({ schema: deleteSecretSchema, permission, invalidMessage: NO_SUCH_APP }, async ({ appId, secretId }, { actor }) => {
  await deleteClientSecret(actor, appId, secretId);
  revalidatePath(appPage(appId));
});

export const setAppDisabledAction = defineAction({ schema: setAppDisabledSchema, permission, invalidMessage: NO_SUCH_APP }, async ({ appId, disabled }, { actor }) => {
  await setAppDisabled(actor, appId, disabled);
  revalidatePath(appPage(appId));
});

export const deleteAppAction = defineAction({ schema: appRefSchema, permission, invalidMessage: NO_SUCH_APP }, async ({ appId }, { actor }) => {
  const deleted = await deleteApp(actor, appId);
  revalidatePath(LIST);
  return deleted;
});

/** Decodes a pasted token and says whether the API of the admin's tenant accepts it. */
export const inspectTokenAction = defineAction({ schema: inspectTokenSchema, permission, invalidMessage: MAX_INSPECTED_TOKEN_MESSAGE }, async ({ token }, { user }) =>
  inspectToken(token, user.tenant.slug),
);
