"use server";
// The Provisioning page's action: a full admin generates the tenant's SCIM secret token (shown once).
import { z } from "zod";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/safe-action";
import { generateScimSecret } from "@/lib/scim/secret-token";

export const generateScimSecretAction = defineAction({ schema: z.object({}).strict(), permission: "portal.provisioning.manage" }, async (_input, { actor }) => {
  const { value, createdAt } = await generateScimSecret(actor);
  revalidatePath("/settings/provisioning");
  return { value, createdAt: createdAt.toISOString() };
});
