"use client";
// How the app page's buttons run a server action: the outcome as a toast, then the page's data
// refreshed. `confirmed` is for actions behind a confirmation dialog: a refusal goes back to the
// dialog, which shows it inside itself.
import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { useToast } from "@/components/ui/toast";
import type { ConfirmOutcome } from "@/components/ui/confirm-dialog";
import type { ActionResult } from "@/lib/errors";

export function useAppAction() {
  const router = useRouter();
  const toast = useToast();
  const [pending, startTransition] = useTransition();

  function run<T>(action: () => Promise<ActionResult<T>>, success: string | ((value: T) => string)) {
    startTransition(async () => {
      const result = await action();
      if (result.ok) toast.success(typeof success === "string" ? success : success(result.value));
      else toast.error(result.error);
      router.refresh();
    });
  }

  async function confirmed<T>(action: () => Promise<ActionResult<T>>, success: string): Promise<ConfirmOutcome> {
    const result = await action();
    if (!result.ok) return { ok: false, error: result.error };
    toast.success(success);
    router.refresh();
    return { ok: true };
  }

  return { pending, run, confirmed };
}
