"use server";
// The Single sign-on page's action: a full admin saves the tenant's identity provider settings.
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/safe-action";
import { saveSsoSettings } from "@/lib/identity/sso-settings";
import { singleSignOnSchema } from "@/lib/identity/schemas";

export const saveSingleSignOnAction = defineAction({ schema: singleSignOnSchema, permission: "portal.sso.manage" }, async (input, { actor }) => {
  const saved = await saveSsoSettings(actor, input);
  revalidatePath("/settings/single-sign-on");
  return saved;
});
