// Request schemas of user management and of changing one's own password. Client components import
// this file too (the password length), so it imports nothing that reaches the database.
import { z } from "zod";
import { ROLES } from "@/lib/permissions";
import { uuidSchema } from "@/lib/validation/common";

export const PASSWORD_MIN_LENGTH = 10;

/** Said both for an id of no user and for an id of another tenant's user: the answer reveals nothing. */
export const NO_SUCH_USER = "No such user in this tenant.";

// bcrypt reads at most 72 bytes of a password: refuse longer ones rather than silently ignore the rest.
export const passwordSchema = z
  .string({ error: "Enter a password." })
  .min(PASSWORD_MIN_LENGTH, `A password has at least ${PASSWORD_MIN_LENGTH} characters.`)
  .refine((value) => Buffer.byteLength(value) <= 72, "A password has at most 72 bytes.");

export const roleSchema = z.enum(ROLES, { error: "Choose a role." });

/** A user's id; a malformed one is answered like an unknown one. */
export const userIdSchema = z.string({ error: NO_SUCH_USER }).refine((value) => uuidSchema.safeParse(value).success, NO_SUCH_USER);

export const newUserSchema = z.object({
  email: z.string({ error: "Enter an email address." }).trim().toLowerCase().pipe(z.email("Enter a valid email address.").max(254)),
  name: z.string({ error: "Enter a name." }).trim().min(1, "Enter a name.").max(100, "A name is at most 100 characters."),
  role: roleSchema,
  // Empty: Keyport generates an initial password and shows it once.
  password: z.union([z.literal(""), passwordSchema]).optional().transform((value) => value || undefined),
});

export const changeUserRoleSchema = z.object({ userId: userIdSchema, role: roleSchema });

export const setUserProvisioningSchema = z.object({ userId: userIdSchema, provisioned: z.boolean() });

export const resetUserPasswordSchema = z.object({ userId: userIdSchema });

export const unlockUserSignInSchema = z.object({ userId: userIdSchema });

export const changeOwnPasswordSchema = z
  .object({ currentPassword: z.string().min(1, "Enter your current password."), newPassword: passwordSchema, confirmPassword: z.string() })
  .refine((input) => input.newPassword === input.confirmPassword, { message: "The two new passwords differ.", path: ["confirmPassword"] });
