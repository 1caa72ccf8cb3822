"use server";
// Server actions of My account: any signed-in user, on their own account only.
import { defineAction } from "@/lib/actions/safe-action";
import { changeOwnPassword } from "@/lib/users/manage-users";
import { changeOwnPasswordSchema } from "@/lib/users/schemas";

/** Changes the caller's own password; their sessions end and they sign in again. */
export const changeOwnPasswordAction = defineAction({ schema: changeOwnPasswordSchema, invalidMessage: "Check the highlighted fields." }, async (input, { actor }) =>
  changeOwnPassword(actor, input),
);
