"use client";
// Service accounts of the tenant, for its full admins: add one (name, description, role), and per row
// disable / enable and delete, each confirmed. The name leads to the account's page (its tokens).
import Link from "next/link";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogActions, DialogError } from "@/components/ui/dialog";
import { Field, TextField } from "@/components/ui/text-field";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { useAction } from "@/components/ui/use-action";
import { useHydrated } from "@/components/ui/use-hydrated";
import { RoleSelect } from "@/components/users/role-select";
import { addServiceAccountAction, deleteServiceAccountAction, disableServiceAccountAction, enableServiceAccountAction } from "@/lib/actions/service-accounts";
import type { ServiceAccountRow } from "@/lib/service-accounts/manage-service-accounts";
import type { Role } from "@/lib/permissions";

type Change = { mode: "disable" | "enable" | "delete"; row: ServiceAccountRow };

export function ServiceAccountsManager({ rows }: { rows: ServiceAccountRow[] }) {
  const hydrated = useHydrated();
  const [adding, setAdding] = useState(false);
  const [change, setChange] = useState<Change | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const { confirmed } = useAction();

  const confirmAction = (current: Change) => {
    const input = { serviceAccountId: current.row.id };
    if (current.mode === "delete") return confirmed(() => deleteServiceAccountAction(input), ({ revokedTokens }) => `"${current.row.name}" deleted${revokedTokens ? `, ${revokedTokens === 1 ? "1 token" : `${revokedTokens} tokens`} revoked` : ""}.`);
    if (current.mode === "disable") return confirmed(() => disableServiceAccountAction(input), `"${current.row.name}" disabled: its tokens are refused.`);
    return confirmed(() => enableServiceAccountAction(input), `"${current.row.name}" enabled.`);
  };

  return (
    <div className="mt-6">
      <div className="flex items-center justify-between gap-3">
        <p className="text-sm text-slate-600" role="status">
          {rows.length === 1 ? "1 service account" : `${rows.length} service accounts`}
        </p>
        <Button variant="primary" disabled={!hydrated} onClick={() => setAdding(true)}>
          Add service account
        </Button>
      </div>
      <ScrollRegion label="Service accounts table" className="mt-4 rounded-lg border border-slate-200 bg-white">
        <table ref={tableRef} tabIndex={-1} className="w-full text-left text-sm focus:outline-none">
          <caption className="sr-only">Service accounts</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2">Name</th>
              <th scope="col" className="px-4 py-2">Role</th>
              <th scope="col" className="px-4 py-2">Tokens</th>
              <th scope="col" className="px-4 py-2">Status</th>
              <th scope="col" className="px-4 py-2"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-b border-slate-100 last:border-0">
                <td className="min-w-36 px-4 py-2">
                  <Link href={`/settings/service-accounts/${row.id}`} className="font-medium text-brand-700 underline break-words">
                    {row.name}
                  </Link>
                  {row.description ? <p className="text-xs text-slate-500 break-words">{row.description}</p> : null}
                </td>
                <td className="px-4 py-2">{row.roleLabel}</td>
                <td className="px-4 py-2">{row.tokenCount}</td>
                <td className="px-4 py-2">{row.status === "active" ? "Active" : "Disabled"}</td>
                <td className="px-4 py-2">
                  <div className="flex flex-wrap justify-end gap-2">
                    <Button disabled={!hydrated} aria-label={`${row.status === "active" ? "Disable" : "Enable"} ${row.name}`} onClick={() => setChange({ mode: row.status === "active" ? "disable" : "enable", row })}>
                      {row.status === "active" ? "Disable" : "Enable"}
                    </Button>
                    <Button variant="danger" disabled={!hydrated} aria-label={`Delete ${row.name}`} onClick={() => setChange({ mode: "delete", row })}>
                      Delete
                    </Button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 ? (
          <div className="px-6 py-12 text-center">
            <p className="font-medium">No service accounts yet.</p>
            <p className="mt-1 text-sm text-slate-600">Add one for each integration, so its tokens outlive whoever sets it up.</p>
          </div>
        ) : null}
      </ScrollRegion>

      {adding ? <AddServiceAccountDialog onClose={() => setAdding(false)} /> : null}
      {change ? (
        <ConfirmDialog
          open
          title={`${change.mode === "delete" ? "Delete" : change.mode === "disable" ? "Disable" : "Enable"} ${change.row.name}?`}
          description={
            change.mode === "delete"
              ? `Its ${change.row.tokenCount === 1 ? "token is" : `${change.row.tokenCount} tokens are`} revoked with it: every integration using them gets 401 from the next call. This cannot be undone.`
              : change.mode === "disable"
                ? "Its tokens are refused (403) until you enable it again."
                : "Its tokens work again."
          }
          confirmLabel={change.mode === "delete" ? "Delete" : change.mode === "disable" ? "Disable" : "Enable"}
          variant={change.mode === "enable" ? "primary" : "danger"}
          onConfirm={() => confirmAction(change)}
          onClose={() => setChange(null)}
          // The row's button changes meaning or goes away: the table keeps the focus.
          returnFocusAfterConfirm={tableRef}
        />
      ) : null}
    </div>
  );
}

function AddServiceAccountDialog({ onClose }: { onClose: () => void }) {
  const { pending, run } = useAction();
  const [form, setForm] = useState({ name: "", description: "", role: "SECURITY_READER" });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof typeof form) => (value: string) => setForm((current) => ({ ...current, [key]: value }));

  function submit(event: React.FormEvent) {
    event.preventDefault();
    run(() => addServiceAccountAction({ ...form, role: form.role as Role }), {
      success: (account) => `Service account "${account.name}" added.`,
      onSuccess: onClose,
      onFailure: (failure) => {
        setErrors(failure.fieldErrors ?? {});
        setError(failure.error);
      },
    });
  }

  return (
    <Dialog open onClose={onClose} title="Add service account">
      <form onSubmit={submit} noValidate className="space-y-4">
        <DialogError message={error} />
        <TextField id="service-account-name" label="Name" autoFocus autoComplete="off" value={form.name} onValue={set("name")} error={errors.name} hint="What uses it, for example “SIEM export”." />
        <TextField id="service-account-description" label="Description" value={form.description} onValue={set("description")} error={errors.description} hint="Optional: who owns the integration, where it runs." />
        <Field id="service-account-role" label="Role" error={errors.role} hint="Its tokens hold this role's scopes at most.">
          <RoleSelect id="service-account-role" value={form.role} onChange={set("role")} error={errors.role} />
        </Field>
        <DialogActions onCancel={onClose} label="Add" pendingLabel="Adding…" pending={pending} />
      </form>
    </Dialog>
  );
}
