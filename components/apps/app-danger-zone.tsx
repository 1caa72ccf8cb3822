"use client";
// Disable (or enable) and delete an app: both reach new and already issued tokens at once.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useAppAction } from "@/components/apps/use-app-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { deleteAppAction, setAppDisabledAction } from "@/lib/actions/apps";
import type { AppDetails } from "@/lib/oauth/apps";

export function AppDangerZone({ app }: { app: AppDetails }) {
  const router = useRouter();
  const toast = useToast();
  const { pending, run } = useAppAction();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleting, startDeleting] = useTransition();

  function remove() {
    startDeleting(async () => {
      const result = await deleteAppAction({ appId: app.id });
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      toast.success(`${result.value.name} deleted.`);
      router.push("/settings/app-registrations");
    });
  }

  return (
    <section aria-labelledby="danger" className="rounded-lg border border-red-200 bg-white p-6">
      <h2 id="danger" className="text-lg font-semibold">Disable or delete</h2>
      <p className="mt-1 text-sm text-slate-600">Both apply at once: new tokens are refused, and so are tokens already issued.</p>
      <div className="mt-3 flex gap-2">
        <Button
          disabled={pending}
          onClick={() => run(() => setAppDisabledAction({ appId: app.id, disabled: !app.disabled }), app.disabled ? "Application enabled." : "Application disabled.")}
        >
          {app.disabled ? "Enable application" : "Disable application"}
        </Button>
        <Button variant="danger" onClick={() => setConfirmDelete(true)}>
          Delete application
        </Button>
      </div>
      {app.disabled ? <p role="status" className="mt-2 text-sm font-medium text-amber-900">This application is disabled.</p> : null}
      <Dialog
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={`Delete ${app.name}?`}
        description="Its secrets and every consent go with it, and every access token it holds is refused at once. This cannot be undone."
      >
        <DialogActions onCancel={() => setConfirmDelete(false)} variant="danger" label="Delete" pending={pending || deleting} onConfirm={remove} />
      </Dialog>
    </section>
  );
}
