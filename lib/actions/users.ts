"use server";
// Server actions of the Users page: only a full admin may call them, and every query is scoped to
// the admin's own tenant (lib/users/manage-users.ts).
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/safe-action";
import { addUser, liveTokenNamesOfUser, resetUserPassword, setUserProvisioning, setUserRole, unlockUserSignIn } from "@/lib/users/manage-users";
import { changeUserRoleSchema, newUserSchema, resetUserPasswordSchema, setUserProvisioningSchema, unlockUserSignInSchema } from "@/lib/users/schemas";

const PAGE = "/settings/users";
const FULL_ADMIN = "portal.users.manage";

export const addUserAction = defineAction({ schema: newUserSchema, permission: FULL_ADMIN, invalidMessage: "Check the highlighted fields." }, async (input, { actor }) => {
  const { name, email, initialPassword } = await addUser(actor, input);
  revalidatePath(PAGE);
  return { name, email, initialPassword };
});

export const changeUserRoleAction = defineAction({ schema: changeUserRoleSchema, permission: FULL_ADMIN }, async ({ userId, role }, { actor }) => {
  await setUserRole(actor, userId, role);
  revalidatePath(PAGE);
});

export const setUserProvisioningAction = defineAction({ schema: setUserProvisioningSchema, permission: FULL_ADMIN }, async ({ userId, provisioned }, { actor }) => {
  await setUserProvisioning(actor, userId, provisioned);
  revalidatePath(PAGE);
});

/** The deprovision dialog's list of the person's tokens that will stop working. */
export const liveTokenNamesAction = defineAction({ schema: unlockUserSignInSchema, permission: FULL_ADMIN }, async ({ userId }, { actor }) => liveTokenNamesOfUser(actor, userId));

export const resetUserPasswordAction = defineAction({ schema: resetUserPasswordSchema, permission: FULL_ADMIN }, async ({ userId }, { actor }) =>
  resetUserPassword(actor, userId),
);

export const unlockUserSignInAction = defineAction({ schema: unlockUserSignInSchema, permission: FULL_ADMIN }, async ({ userId }, { actor }) => {
  const result = await unlockUserSignIn(actor, userId);
  revalidatePath(PAGE);
  return result;
});
