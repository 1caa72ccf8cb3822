import { z } from "zod";
import { SCOPES } from "@/lib/permissions";
import { SECRET_LIFETIMES } from "@/lib/oauth/apps";

export const appNameSchema = z.string({ error: "Enter a name." }).trim().min(1, "Enter a name.").max(100, "A name is at most 100 characters.");
export const newAppSchema = z.object({ name: appNameSchema, multiTenant: z.boolean() });
export const scopeListSchema = z.array(z.enum(SCOPES)).min(1, "Choose at least one permission.").max(SCOPES.length);
export const newSecretSchema = z.object({
  description: z.string().trim().min(1, "Enter a description.").max(100, "A description is at most 100 characters."),
  months: z.enum(Object.keys(SECRET_LIFETIMES) as [keyof typeof SECRET_LIFETIMES, ...(keyof typeof SECRET_LIFETIMES)[]], { error: "Choose when the secret expires." }).transform(Number),
});
export const uuidSchema = z.string().uuid();
