// The guard of every server action: a signed-in user of this tenant (re-read from the database),
// optionally holding a permission; failures become a message for the person, never a thrown 500.
import type { ActionResult } from "@/lib/errors";
import type { Action } from "@/lib/permissions";
import { NotSignedInError, requireActionUser, userMay, type CurrentUser } from "@/lib/auth/session";

export async function guardedAction<T>(
  options: { permission?: Action },
  run: (user: CurrentUser) => Promise<ActionResult<T>>,
): Promise<ActionResult<T>> {
  try {
    const user = await requireActionUser();
    if (options.permission && !userMay(user, options.permission)) {
      return { ok: false, error: "You don't have permission to do this. Only a Global administrator can." };
    }
    return await run(user);
  } catch (error) {
    if (error instanceof NotSignedInError) return { ok: false, error: error.message };
    console.error("keyport: a server action failed", error);
    return { ok: false, error: "Something went wrong on our side. Try again." };
  }
}
