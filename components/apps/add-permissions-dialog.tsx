"use client";
// Chooses application permissions to add to an app; they take effect after admin consent.
import { useState } from "react";
import { Dialog, DialogActions, DialogError } from "@/components/ui/dialog";
import { useAction } from "@/components/ui/use-action";
import { addPermissionsAction } from "@/lib/actions/apps";
import { SCOPE_DESCRIPTIONS, type Scope } from "@/lib/permissions";

export function AddPermissionsDialog({ appId, available, onClose, onAdded }: { appId: string; available: Scope[]; onClose: () => void; onAdded: () => void }) {
  const [chosen, setChosen] = useState<Scope[]>([]);
  const [error, setError] = useState<string | null>(null);
  const { pending, run } = useAction();
  function submit(event: React.FormEvent) {
    event.preventDefault();
    run(() => addPermissionsAction({ appId, scopes: chosen }), {
      success: `${chosen.join(", ")} added. Grant admin consent for it to take effect.`,
      onSuccess: onAdded,
      onFailure: (failure) => setError(failure.error),
    });
  }
  return (
    <Dialog open onClose={onClose} title="Add application permissions" description="Keyport API application permissions. They take effect after admin consent.">
      <form onSubmit={submit} className="space-y-3">
        <DialogError message={error} />
        <fieldset className="space-y-2">
          <legend className="sr-only">Permissions</legend>
          {available.map((scope) => (
            <label key={scope} className="flex items-start gap-3 py-1 text-sm">
              <input
                type="checkbox"
                className="mt-1 h-4 w-4"
                checked={chosen.includes(scope)}
                onChange={(event) => setChosen((current) => (event.target.checked ? [...current, scope] : current.filter((item) => item !== scope)))}
              />
              <span>
                <span className="font-mono text-xs">{scope}</span>
                <span className="block text-slate-600">{SCOPE_DESCRIPTIONS[scope]}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <DialogActions onCancel={onClose} label="Add permissions" pending={pending} disabled={chosen.length === 0} />
      </form>
    </Dialog>
  );
}
