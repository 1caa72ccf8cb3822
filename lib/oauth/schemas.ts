// Request schemas of app registrations and admin consent: what the portal's forms and buttons send.
import { z } from "zod";
import { SCOPES } from "@/lib/permissions";
import { uuidSchema } from "@/lib/validation/common";

/** What the portal says when an app id does not name one of the tenant's applications. */
export const NO_SUCH_APP = "No such application in this tenant.";

/** How long a new client secret lives: the choices the portal offers (months → label). */
export const SECRET_LIFETIMES = { "6": "6 months", "12": "12 months", "24": "24 months" } as const;
type SecretLifetime = keyof typeof SECRET_LIFETIMES;

/** An app's id (its client id): a malformed one names no application. */
export const appIdSchema = z.string({ error: NO_SUCH_APP }).refine((value) => uuidSchema.safeParse(value).success, NO_SUCH_APP);

export const appNameSchema = z.string({ error: "Enter a name." }).trim().min(1, "Enter a name.").max(100, "A name is at most 100 characters.");
export const newAppSchema = z.object({ name: appNameSchema, multiTenant: z.boolean() });
export const scopeListSchema = z.array(z.enum(SCOPES)).min(1, "Choose at least one permission.").max(SCOPES.length);
export const newSecretSchema = z.object({
  description: z.string().trim().min(1, "Enter a description.").max(100, "A description is at most 100 characters."),
  months: z.enum(Object.keys(SECRET_LIFETIMES) as [SecretLifetime, ...SecretLifetime[]], { error: "Choose when the secret expires." }).transform(Number),
});

/** The inputs of the app page's actions: the app, and what to change on it. */
export const appRefSchema = z.object({ appId: appIdSchema });
export const addPermissionsSchema = z.object({ appId: appIdSchema, scopes: scopeListSchema });
export const removePermissionSchema = z.object({ appId: appIdSchema, scope: z.enum(SCOPES) });
export const createSecretSchema = newSecretSchema.extend({ appId: appIdSchema });
export const deleteSecretSchema = z.object({ appId: appIdSchema, secretId: uuidSchema });
export const setAppDisabledSchema = z.object({ appId: appIdSchema, disabled: z.boolean() });

export const MAX_INSPECTED_TOKEN_MESSAGE = "Paste a token of at most 20 000 characters.";
export const inspectTokenSchema = z.object({ token: z.string({ error: MAX_INSPECTED_TOKEN_MESSAGE }).max(20_000, MAX_INSPECTED_TOKEN_MESSAGE) });
