// Superseded by lib/actions/safe-action.ts; kept only until every action has moved there.
import type { ActionResult } from "@/lib/errors";
import type { Action } from "@/lib/permissions";
import { requireActionUser, userMay, type CurrentUser } from "@/lib/auth/session";
import { actionFailure } from "@/lib/actions/safe-action";

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
    return actionFailure(error);
  }
}
