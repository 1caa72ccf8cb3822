"use client";
// Disable (or enable) and delete an app: both reach new and already issued tokens at once, so both
// ask first, naming the app. Enabling it again asks nothing.
import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useAction } from "@/components/ui/use-action";
import { deleteAppAction, setAppDisabledAction } from "@/lib/actions/apps";
import type { AppDetails } from "@/lib/oauth/apps";

export function AppDangerZone({ app }: { app: AppDetails }) {
  const router = useRouter();
  const { pending, run, confirmed } = useAction();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [confirmDisable, setConfirmDisable] = useState(false);
  // Disabling turns the button into "Enable application": focus goes to the section's heading and
  // the status line below says what changed, rather than to a button that now means the opposite.
  const headingRef = useRef<HTMLHeadingElement>(null);

  return (
    <section aria-labelledby="danger" className="rounded-lg border border-red-200 bg-white p-4 sm:p-6">
      <h2 id="danger" ref={headingRef} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
        Disable or delete
      </h2>
      <p className="mt-1 text-sm text-slate-600">Both apply at once: new tokens are refused, and so are tokens already issued.</p>
      <div className="mt-3 flex flex-wrap gap-2">
        {app.disabled ? (
          <Button disabled={pending} onClick={() => run(() => setAppDisabledAction({ appId: app.id, disabled: false }), "Application enabled.")}>
            Enable application
          </Button>
        ) : (
          <Button disabled={pending} onClick={() => setConfirmDisable(true)}>
            Disable application
          </Button>
        )}
        <Button variant="danger" onClick={() => setConfirmDelete(true)}>
          Delete application
        </Button>
      </div>
      {app.disabled ? (
        <p role="status" className="mt-2 text-sm font-medium text-amber-900">
          This application is disabled.
        </p>
      ) : null}
      <ConfirmDialog
        open={confirmDisable}
        title={`Disable ${app.name}?`}
        description={
          <>
            <strong>{app.name}</strong> gets no new tokens, and every access token it holds is refused at once, in every tenant
            that consented to it. You can enable it again later.
          </>
        }
        confirmLabel="Disable"
        pendingLabel="Disabling…"
        onClose={() => setConfirmDisable(false)}
        returnFocusAfterConfirm={headingRef}
        onConfirm={() => confirmed(() => setAppDisabledAction({ appId: app.id, disabled: true }), "Application disabled.")}
      />
      <ConfirmDialog
        open={confirmDelete}
        title={`Delete ${app.name}?`}
        description="Its secrets and every consent go with it, and every access token it holds is refused at once. This cannot be undone."
        confirmLabel="Delete"
        pendingLabel="Deleting…"
        onClose={() => setConfirmDelete(false)}
        onConfirm={() => confirmed(() => deleteAppAction({ appId: app.id }), { success: (deleted) => `${deleted.name} deleted.`, onSuccess: () => router.push("/settings/app-registrations") })}
      />
    </section>
  );
}
