"use client";
// "Change role of <name>": the new role applies to every API token of the person from its next call.
import { useState } from "react";
import { Dialog, DialogActions, DialogError } from "@/components/ui/dialog";
import { Field } from "@/components/ui/text-field";
import { useAction } from "@/components/ui/use-action";
import { RoleSelect } from "@/components/users/role-select";
import { changeUserRoleAction } from "@/lib/actions/users";
import { ROLE_LABELS, type Role } from "@/lib/permissions";
import type { TenantUserRow } from "@/lib/users/manage-users";

export function ChangeRoleDialog({ row, onClose }: { row: TenantUserRow; onClose: () => void }) {
  const { pending, run } = useAction();
  const [role, setRole] = useState(row.role);
  const [error, setError] = useState<string | null>(null);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    run(() => changeUserRoleAction({ userId: row.id, role: role as Role }), {
      success: `${row.name} is now ${ROLE_LABELS[role as Role]}. Their API tokens follow from the next call.`,
      onSuccess: onClose,
      onFailure: (failure) => setError(failure.error),
    });
  }

  return (
    <Dialog open onClose={onClose} title={`Change the role of ${row.name}`} description="An API token holds its issuer's role as it is at each request: this change applies to every token of this user at once.">
      <form onSubmit={submit} className="space-y-4">
        <DialogError message={error} />
        <Field id="change-role" label="Role">
          <RoleSelect id="change-role" value={role} onChange={setRole} />
        </Field>
        <DialogActions onCancel={onClose} label="Save" pendingLabel="Saving…" pending={pending} disabled={role === row.role} />
      </form>
    </Dialog>
  );
}
