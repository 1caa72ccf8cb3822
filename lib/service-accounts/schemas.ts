// What the service-account pages and API accept: the new account's fields, the ids of the actions,
// and the API's bodies (lib/ functions take the parsed values).
import { z } from "zod";
import { ROLES } from "@/lib/permissions";
import { uuidSchema } from "@/lib/validation/common";
import { generateApiTokenSchema } from "@/lib/tokens/schemas";

export const SERVICE_ACCOUNT_NAME_MAX = 100;
export const SERVICE_ACCOUNT_DESCRIPTION_MAX = 500;

export const NO_SUCH_SERVICE_ACCOUNT = "That service account does not exist in your organization.";

const name = z
  .string({ error: "Enter a name for the service account." })
  .trim()
  .min(1, "Enter a name for the service account.")
  .max(SERVICE_ACCOUNT_NAME_MAX, `The name can be at most ${SERVICE_ACCOUNT_NAME_MAX} characters.`);
const description = z
  .string({ error: "The description is text." })
  .trim()
  .max(SERVICE_ACCOUNT_DESCRIPTION_MAX, `The description can be at most ${SERVICE_ACCOUNT_DESCRIPTION_MAX} characters.`);
const role = z.enum(ROLES, { error: "Choose a role." });

/** "Add service account" in the portal, and the body of `POST /api/v1/service-accounts/`. */
export const newServiceAccountSchema = z.strictObject({ name, description: description.optional().default(""), role });
export type NewServiceAccount = z.output<typeof newServiceAccountSchema>;

export const serviceAccountIdSchema = z.object({ serviceAccountId: uuidSchema });

/** The "Generate new token" dialog on a service account's page: the token dialog's fields and the account. */
export const generateServiceAccountTokenSchema = generateApiTokenSchema.extend({ serviceAccountId: uuidSchema });

/** A service account's state, as the table and the API name it. */
export const SERVICE_ACCOUNT_STATUSES = ["active", "disabled"] as const;
export type ServiceAccountStatus = (typeof SERVICE_ACCOUNT_STATUSES)[number];
