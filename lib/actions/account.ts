"use server";
// Server actions of My account: any signed-in user, on their own account only.
import { headers } from "next/headers";
import { defineAction } from "@/lib/actions/safe-action";
import { clientIpOf } from "@/lib/http/client-ip";
import { changeOwnPassword } from "@/lib/users/manage-users";
import { changeOwnPasswordSchema } from "@/lib/users/schemas";

/** Changes the caller's own password; their sessions end and they sign in again. */
export const changeOwnPasswordAction = defineAction({ schema: changeOwnPasswordSchema, invalidMessage: "Check the highlighted fields." }, async (input, { actor }) =>
  // The client IP counts failed current-password checks like failed sign-ins.
  changeOwnPassword(actor, input, { clientIp: clientIpOf(await headers()) }),
);
