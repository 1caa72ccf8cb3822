"use server";
import { guardedAction } from "@/lib/auth/action-guard";
import type { ActionResult } from "@/lib/errors";
import { zodDetails } from "@/lib/validation/zod-details";
import { changeOwnPasswordSchema } from "@/lib/validation/users";
import { changeOwnPassword } from "@/lib/users/manage-users";

/** Any signed-in user changes their own password; their sessions end and they sign in again. */
export async function changeOwnPasswordAction(input: unknown): Promise<ActionResult> {
  return guardedAction({}, async (user) => {
    const parsed = changeOwnPasswordSchema.safeParse(input);
    if (!parsed.success) return { ok: false, error: "Check the highlighted fields.", fieldErrors: zodDetails(parsed.error) };
    return changeOwnPassword({ id: user.id, tenantId: user.tenant.id }, parsed.data.currentPassword, parsed.data.newPassword);
  });
}
