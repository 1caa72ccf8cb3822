"use client";
// Add a user; when Keyport generated the initial password, the form gives way to it in the same dialog.
import { useState } from "react";
import { Dialog, DialogActions, DialogError } from "@/components/ui/dialog";
import { Field, TextField } from "@/components/ui/text-field";
import { useAction } from "@/components/ui/use-action";
import { PasswordPanel } from "@/components/users/password-panel";
import { RoleSelect } from "@/components/users/role-select";
import { addUserAction } from "@/lib/actions/users";
import type { Role } from "@/lib/permissions";

export function AddUserDialog({ onClose }: { onClose: () => void }) {
  const { pending, run } = useAction();
  const [form, setForm] = useState({ email: "", name: "", role: "SECURITY_READER", password: "" });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<{ name: string; password: string } | null>(null);
  const set = (key: keyof typeof form) => (value: string) => setForm((current) => ({ ...current, [key]: value }));

  function submit(event: React.FormEvent) {
    event.preventDefault();
    run(() => addUserAction({ ...form, role: form.role as Role }), {
      success: (user) => `${user.name} added.`,
      onSuccess: (user) => {
        if (user.initialPassword) setAdded({ name: user.name, password: user.initialPassword });
        else onClose();
      },
      onFailure: (failure) => {
        setErrors(failure.fieldErrors ?? {});
        setError(failure.error);
      },
    });
  }

  if (added) {
    return (
      <Dialog open onClose={onClose} title={`Initial password for ${added.name}`}>
        <PasswordPanel password={added.password} onClose={onClose} />
      </Dialog>
    );
  }
  return (
    <Dialog open onClose={onClose} title="Add user">
      <form onSubmit={submit} noValidate className="space-y-4">
        <DialogError message={error} />
        <TextField id="user-email" label="Email" type="email" autoFocus autoComplete="off" value={form.email} onValue={set("email")} error={errors.email} />
        <TextField id="user-name" label="Name" value={form.name} onValue={set("name")} error={errors.name} />
        <Field id="user-role" label="Role" error={errors.role}>
          <RoleSelect id="user-role" value={form.role} onChange={set("role")} error={errors.role} />
        </Field>
        <TextField
          id="user-password"
          label="Initial password"
          type="password"
          autoComplete="new-password"
          hint="Leave empty and Keyport generates one and shows it to you once."
          value={form.password}
          onValue={set("password")}
          error={errors.password}
        />
        <DialogActions onCancel={onClose} label="Add" pendingLabel="Adding…" pending={pending} />
      </form>
    </Dialog>
  );
}
