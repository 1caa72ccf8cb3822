"use client";
// How the portal's buttons and forms run a server action: `pending` while it runs, the outcome said
// (a toast by default), then the caller's own next step. Nothing here refreshes the page: every action
// that changes something calls revalidatePath, and Next sends the re-rendered page back in the
// action's own answer, so the data is fresh by the time the outcome is said.
import { useTransition } from "react";
import { useToast } from "@/components/ui/toast";
import type { ConfirmOutcome } from "@/components/ui/confirm-dialog";
import type { ActionResult } from "@/lib/errors";

export type ActionFailure = Extract<ActionResult<unknown>, { ok: false }>;

export type ActionOptions<T> = {
  /** The success toast; none when omitted. */
  success?: string | ((value: T) => string);
  onSuccess?: (value: T) => void;
  /** Where a refusal is said instead of an error toast (a field, the dialog itself). */
  onFailure?: (failure: ActionFailure) => void;
  /** After either outcome (a dialog that closes whatever happened). */
  onSettled?: () => void;
};

/** A bare string or function is the success toast. */
type Options<T> = ActionOptions<T>["success"] | ActionOptions<T>;

function optionsOf<T>(options: Options<T>): ActionOptions<T> {
  return typeof options === "object" ? options : { success: options };
}

export function useAction() {
  const toast = useToast();
  const [pending, startTransition] = useTransition();

  function settle<T>(result: ActionResult<T>, options: ActionOptions<T>) {
    if (result.ok) {
      const { success } = options;
      if (success !== undefined) toast.success(typeof success === "string" ? success : success(result.value));
      options.onSuccess?.(result.value);
    } else if (options.onFailure) options.onFailure(result);
    else toast.error(result.error);
    options.onSettled?.();
  }

  function run<T>(action: () => Promise<ActionResult<T>>, options: Options<T> = {}) {
    startTransition(async () => settle(await action(), optionsOf(options)));
  }

  /** For a ConfirmDialog: a refusal goes back to the dialog, which shows it inside itself and stays open. */
  async function confirmed<T>(action: () => Promise<ActionResult<T>>, options: Options<T> = {}): Promise<ConfirmOutcome> {
    const result = await action();
    if (!result.ok) return { ok: false, error: result.error };
    settle(result, optionsOf(options));
    return { ok: true };
  }

  return { pending, run, confirmed };
}
