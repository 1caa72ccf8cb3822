import { z } from "zod";
import { SCOPES } from "@/lib/permissions";

/** How long a new client secret lives: the choices the portal offers (months → label). */
export const SECRET_LIFETIMES = { "6": "6 months", "12": "12 months", "24": "24 months" } as const;
type SecretLifetime = keyof typeof SECRET_LIFETIMES;

export const appNameSchema = z.string({ error: "Enter a name." }).trim().min(1, "Enter a name.").max(100, "A name is at most 100 characters.");
export const newAppSchema = z.object({ name: appNameSchema, multiTenant: z.boolean() });
export const scopeListSchema = z.array(z.enum(SCOPES)).min(1, "Choose at least one permission.").max(SCOPES.length);
export const newSecretSchema = z.object({
  description: z.string().trim().min(1, "Enter a description.").max(100, "A description is at most 100 characters."),
  months: z.enum(Object.keys(SECRET_LIFETIMES) as [SecretLifetime, ...SecretLifetime[]], { error: "Choose when the secret expires." }).transform(Number),
});
export const uuidSchema = z.string().uuid();
