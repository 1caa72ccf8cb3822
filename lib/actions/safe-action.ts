// The one guard every server action is built with:
//   export const revokeApiTokenAction = defineAction({ schema: tokenIdSchema }, async (tokenId, { actor }) => …);
// It re-reads the signed-in user from the database (role, tenant, deprovisioning), checks the
// permission in the permission map, parses the input with the schema, and hands the handler a typed
// input and the actor. Whatever fails becomes an ActionResult with a message for the person: an
// AppError's own message, field messages for invalid input, a generic sentence for anything else.
import type { z } from "zod";
import { AppError, type ActionResult } from "@/lib/errors";
import { onlyRolesCan, type Action } from "@/lib/permissions";
import { requireActionUser, userMay, type CurrentUser } from "@/lib/auth/session";
import type { UserActor } from "@/lib/actor";
import { zodDetails } from "@/lib/validation/zod-details";

export type ActionContext = { user: CurrentUser; actor: UserActor };

type ActionOptions<Schema extends z.ZodType> = {
  schema: Schema;
  /** The permission the user's role must hold now; omitted: any signed-in user. */
  permission?: Action;
  /** What to say when the input is invalid; default: the first problem found. */
  invalidMessage?: string;
};

export function actorOfUser(user: CurrentUser): UserActor {
  return { tenantId: user.tenant.id, userId: user.id, label: user.email, role: user.role };
}

export function defineAction<Schema extends z.ZodType, T>(
  options: ActionOptions<Schema>,
  handler: (input: z.output<Schema>, context: ActionContext) => Promise<T>,
): (input: z.input<Schema>) => Promise<ActionResult<T>> {
  return async (input) => {
    try {
      const user = await requireActionUser();
      if (options.permission && !userMay(user, options.permission)) {
        throw new AppError("forbidden", `You don't have permission to do this. ${onlyRolesCan(options.permission)}.`);
      }
      const parsed = options.schema.safeParse(input);
      if (!parsed.success) {
        return { ok: false, error: options.invalidMessage ?? parsed.error.issues[0]?.message ?? "Check the highlighted fields.", fieldErrors: zodDetails(parsed.error) };
      }
      return { ok: true, value: await handler(parsed.data, { user, actor: actorOfUser(user) }) };
    } catch (error) {
      return actionFailure(error);
    }
  };
}

/** An error as the person sees it: our own refusals say what happened, anything else stays generic. */
export function actionFailure(error: unknown): { ok: false; error: string; fieldErrors?: Record<string, string[]> } {
  if (error instanceof AppError) {
    if (error.code === "internal_error" || error.code === "unavailable") console.error("keyport: a server action failed", error);
    return { ok: false, error: error.message, ...(error.details ? { fieldErrors: error.details } : {}) };
  }
  // Next's redirect() and notFound() are thrown: let them through.
  const digest = (error as { digest?: unknown } | null)?.digest;
  if (typeof digest === "string" && digest.startsWith("NEXT_")) throw error;
  console.error("keyport: a server action failed", error);
  return { ok: false, error: "Something went wrong on our side. Try again." };
}
