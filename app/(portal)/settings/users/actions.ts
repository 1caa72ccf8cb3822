"use server";
// Server actions of the Users page. Each one re-checks the session, its tenant, and that the user
// is a full admin; the lib functions scope every query to that tenant.
import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/auth/action-guard";
import type { ActionResult } from "@/lib/errors";
import { zodDetails } from "@/lib/validation/zod-details";
import { newUserSchema, roleSchema, userIdSchema } from "@/lib/validation/users";
import { addUser, NO_SUCH_USER, resetUserPassword, setUserProvisioning, setUserRole } from "@/lib/users/manage-users";

const PAGE = "/settings/users";
const admin = { permission: "portal.users.manage" } as const;
const UNKNOWN_USER: ActionResult<never> = { ok: false, error: NO_SUCH_USER };

export async function addUserAction(input: unknown): Promise<ActionResult<{ name: string; email: string; initialPassword: string | null }>> {
  return guardedAction(admin, async (user) => {
    const parsed = newUserSchema.safeParse(input);
    if (!parsed.success) return { ok: false, error: "Check the highlighted fields.", fieldErrors: zodDetails(parsed.error) };
    const result = await addUser({ id: user.id, tenantId: user.tenant.id }, parsed.data);
    if (result.ok) revalidatePath(PAGE);
    return result;
  });
}

export async function changeUserRoleAction(userId: unknown, role: unknown): Promise<ActionResult> {
  return guardedAction(admin, async (user) => {
    const id = userIdSchema.safeParse(userId);
    const newRole = roleSchema.safeParse(role);
    if (!id.success) return UNKNOWN_USER;
    if (!newRole.success) return { ok: false, error: "Choose a role." };
    const result = await setUserRole({ id: user.id, tenantId: user.tenant.id }, id.data, newRole.data);
    if (result.ok) revalidatePath(PAGE);
    return result;
  });
}

export async function setUserProvisioningAction(userId: unknown, provisioned: unknown): Promise<ActionResult> {
  return guardedAction(admin, async (user) => {
    const id = userIdSchema.safeParse(userId);
    if (!id.success || typeof provisioned !== "boolean") return UNKNOWN_USER;
    const result = await setUserProvisioning({ id: user.id, tenantId: user.tenant.id }, id.data, provisioned);
    if (result.ok) revalidatePath(PAGE);
    return result;
  });
}

export async function resetUserPasswordAction(userId: unknown): Promise<ActionResult<{ name: string; password: string | null }>> {
  return guardedAction(admin, async (user) => {
    const id = userIdSchema.safeParse(userId);
    if (!id.success) return UNKNOWN_USER;
    return resetUserPassword({ id: user.id, tenantId: user.tenant.id }, id.data);
  });
}
