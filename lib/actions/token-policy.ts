"use server";
// The token policy page's action: a full admin sets the tenant's maximum token lifetime.
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/safe-action";
import { setTokenPolicy } from "@/lib/tokens/token-policy";
import { tokenPolicySchema } from "@/lib/tokens/schemas";

export const saveTokenPolicyAction = defineAction(
  { schema: tokenPolicySchema, permission: "portal.tokens.manageAll", invalidMessage: "Choose a maximum lifetime." },
  async ({ maxLifetimeDays }, { actor }) => {
    const saved = await setTokenPolicy(actor, maxLifetimeDays);
    revalidatePath("/settings/token-policy");
    revalidatePath("/settings/api-tokens");
    return saved;
  },
);
