"use client";
// The tenant's app registrations, and the dialog that registers a new one.
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { useAction } from "@/components/ui/use-action";
import { useHydrated } from "@/components/ui/use-hydrated";
import { TextField } from "@/components/ui/text-field";
import { TableHead } from "@/components/ui/table-head";
import { registerAppAction } from "@/lib/actions/apps";

type AppRow = { id: string; name: string; multiTenant: boolean; disabled: boolean; createdAt: string };

export function AppRegistrationsList({ apps, serverNow }: { apps: AppRow[]; serverNow: string }) {
  const hydrated = useHydrated();
  const [registering, setRegistering] = useState(false);
  return (
    <div className="mt-6">
      <div className="flex justify-end">
        <Button variant="primary" disabled={!hydrated} onClick={() => setRegistering(true)}>
          New registration
        </Button>
      </div>
      <ScrollRegion label="App registrations table" className="mt-4 rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" aria-label="App registrations">
          <TableHead columns={["Display name", "Application (client) ID", "Supported accounts", "Created", "State"]} />
          <tbody>
            {apps.map((app) => (
              <tr key={app.id} className="border-b border-slate-100 last:border-0">
                <td className="px-4 py-2 font-medium">
                  <Link href={`/settings/app-registrations/${app.id}`} className="text-brand-700 underline">
                    {app.name}
                  </Link>
                </td>
                <td className="px-4 py-2 font-mono text-xs whitespace-nowrap">{app.id}</td>
                <td className="px-4 py-2">{app.multiTenant ? "Any Keyport tenant" : "This tenant only"}</td>
                <td className="px-4 py-2 whitespace-nowrap">
                  <RelativeTime value={app.createdAt} serverNow={serverNow} />
                </td>
                <td className="px-4 py-2">{app.disabled ? "Disabled" : "Enabled"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {apps.length === 0 ? (
          <div className="px-6 py-12 text-center">
            <p className="font-medium">No applications registered yet.</p>
            <p className="mt-1 text-sm text-slate-600">Register one to let a service call the API with OAuth 2.0 client credentials.</p>
          </div>
        ) : null}
      </ScrollRegion>
      {registering ? <RegisterDialog onClose={() => setRegistering(false)} /> : null}
    </div>
  );
}

function RegisterDialog({ onClose }: { onClose: () => void }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [multiTenant, setMultiTenant] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { pending, run } = useAction();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    run(() => registerAppAction({ name, multiTenant }), {
      success: (app) => `${app.name} registered.`,
      onSuccess: (app) => router.push(`/settings/app-registrations/${app.id}`),
      onFailure: (failure) => setError(failure.fieldErrors?.name?.[0] ?? failure.error),
    });
  }

  return (
    <Dialog open onClose={onClose} title="Register an application">
      <form onSubmit={submit} noValidate className="space-y-4">
        <TextField id="app-name" label="Name" autoFocus value={name} onValue={setName} error={error} />
        <fieldset>
          <legend className="text-sm font-medium">Supported account types</legend>
          <label className="mt-2 flex items-start gap-2 py-1 text-sm">
            <input type="radio" name="accounts" checked={!multiTenant} onChange={() => setMultiTenant(false)} /> Accounts in this tenant only (single tenant)
          </label>
          <label className="mt-1 flex items-start gap-2 py-1 text-sm">
            <input type="radio" name="accounts" checked={multiTenant} onChange={() => setMultiTenant(true)} /> Accounts in any Keyport tenant (multitenant)
          </label>
        </fieldset>
        <DialogActions onCancel={onClose} label="Register" pendingLabel="Registering…" pending={pending} />
      </form>
    </Dialog>
  );
}
