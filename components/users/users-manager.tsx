"use client";
// Users of the tenant, for its full admins: add, change role, deprovision / reprovision, reset password.
import { useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { addUserAction, changeUserRoleAction, resetUserPasswordAction, setUserProvisioningAction } from "@/lib/actions/users";
import { revokeAllTokensOfUserAction } from "@/lib/actions/api-tokens";
import { Button } from "@/components/ui/button";
import { SecretValue } from "@/components/ui/secret-value";
import { Field, fieldAria, inputClasses, TextField } from "@/components/ui/text-field";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { useToast } from "@/components/ui/toast";
import { useHydrated } from "@/components/ui/use-hydrated";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/permissions";
import type { TenantUserRow } from "@/lib/users/manage-users";
import { TableHead } from "@/components/ui/table-head";

type Confirm = { mode: "deprovision" | "reprovision" | "reset" | "revokeTokens"; row: TenantUserRow };
type Secret = { title: string; password: string };

export function UsersManager({ rows, currentUserId, serverNow }: { rows: TenantUserRow[]; currentUserId: string; serverNow: string }) {
  const router = useRouter();
  const toast = useToast();
  const hydrated = useHydrated();
  const [adding, setAdding] = useState(false);
  const [editingRole, setEditingRole] = useState<TenantUserRow | null>(null);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [secret, setSecret] = useState<Secret | null>(null);
  const [pending, startTransition] = useTransition();

  function runConfirmed() {
    if (!confirm) return;
    const { mode, row } = confirm;
    startTransition(async () => {
      if (mode === "revokeTokens") {
        // Offboarding: every API token of the person stops working at once.
        const result = await revokeAllTokensOfUserAction({ userId: row.id });
        if (result.ok) toast.success(result.value.count === 1 ? `1 API token of ${row.name} revoked.` : `${result.value.count} API tokens of ${row.name} revoked.`);
        else toast.error(result.error);
      } else if (mode === "reset") {
        const result = await resetUserPasswordAction({ userId: row.id });
        if (result.ok) {
          toast.success(`Password of ${row.name} reset. Their open sessions have ended.`);
          if (result.value.password) setSecret({ title: `New password for ${row.name}`, password: result.value.password });
        } else toast.error(result.error);
      } else {
        const provisioned = mode === "reprovision";
        const result = await setUserProvisioningAction({ userId: row.id, provisioned });
        if (result.ok) toast.success(provisioned ? `${row.name} is active again, and so are their API tokens.` : `${row.name} is deprovisioned. Their API tokens are refused from now on.`);
        else toast.error(result.error);
      }
      setConfirm(null);
      router.refresh();
    });
  }

  return (
    <div className="mt-6">
      <div className="flex justify-end">
        <Button variant="primary" disabled={!hydrated} onClick={() => setAdding(true)}>
          Add user
        </Button>
      </div>
      <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" aria-label="Users">
          <TableHead columns={["Name", "Role", "State", "API tokens", "Added"]} actions />
          <tbody>
            {rows.map((row) => {
              const isSelf = row.id === currentUserId;
              return (
                <tr key={row.id} className="border-b border-slate-100 last:border-0">
                  <td className="px-4 py-2">
                    <div className="font-medium">
                      {row.name}
                      {isSelf ? <span className="ml-2 text-xs font-normal text-slate-500">(you)</span> : null}
                    </div>
                    <div className="text-xs text-slate-500">{row.email}</div>
                  </td>
                  <td className="px-4 py-2">{ROLE_LABELS[row.role as Role] ?? row.role}</td>
                  <td className="px-4 py-2">
                    {row.deprovisionedAt ? (
                      <span className="rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-800">
                        Deprovisioned <RelativeTime value={row.deprovisionedAt} serverNow={serverNow} />
                      </span>
                    ) : (
                      <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800">Active</span>
                    )}
                  </td>
                  <td className="px-4 py-2 tabular-nums">{row.apiTokenCount}</td>
                  <td className="px-4 py-2"><RelativeTime value={row.createdAt} serverNow={serverNow} /></td>
                  <td className="px-4 py-2 text-right whitespace-nowrap">
                    <Button variant="ghost" aria-label={`Change role of ${row.name}`} onClick={() => setEditingRole(row)}>
                      Change role
                    </Button>
                    {isSelf ? (
                      <Link href="/settings/account" className="px-3 text-sm text-brand-700 underline">
                        Change your password
                      </Link>
                    ) : (
                      <>
                        <Button variant="ghost" aria-label={`Reset password of ${row.name}`} onClick={() => setConfirm({ mode: "reset", row })}>
                          Reset password
                        </Button>
                        {row.deprovisionedAt ? (
                          <Button variant="ghost" aria-label={`Reprovision ${row.name}`} onClick={() => setConfirm({ mode: "reprovision", row })}>
                            Reprovision
                          </Button>
                        ) : (
                          <Button variant="ghost" className="!text-red-700" aria-label={`Deprovision ${row.name}`} onClick={() => setConfirm({ mode: "deprovision", row })}>
                            Deprovision
                          </Button>
                        )}
                      </>
                    )}
                    {isSelf ? (
                      <Button variant="ghost" className="!text-red-700" aria-label={`Deprovision ${row.name}`} onClick={() => setConfirm({ mode: "deprovision", row })}>
                        Deprovision
                      </Button>
                    ) : null}
                    {row.apiTokenCount > 0 ? (
                      <Button variant="ghost" className="!text-red-700" aria-label={`Revoke all tokens of ${row.name}`} onClick={() => setConfirm({ mode: "revokeTokens", row })}>
                        Revoke all tokens
                      </Button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      {adding ? (
        <AddUserDialog
          onClose={() => setAdding(false)}
          onAdded={(added) => {
            setAdding(false);
            if (added) setSecret(added);
            router.refresh();
          }}
        />
      ) : null}

      {editingRole ? (
        <ChangeRoleDialog
          row={editingRole}
          onClose={() => setEditingRole(null)}
          onChanged={() => {
            setEditingRole(null);
            router.refresh();
          }}
        />
      ) : null}

      <Dialog open={confirm !== null} onClose={() => setConfirm(null)} title={confirm ? CONFIRM_TEXT[confirm.mode].title(confirm.row) : ""} description={confirm ? CONFIRM_TEXT[confirm.mode].body(confirm.row) : undefined}>
        <DialogActions
          onCancel={() => setConfirm(null)}
          onConfirm={runConfirmed}
          variant={confirm?.mode === "deprovision" || confirm?.mode === "revokeTokens" ? "danger" : "primary"}
          pending={pending}
          label={confirm ? CONFIRM_TEXT[confirm.mode].button : ""}
        />
      </Dialog>

      <Dialog open={secret !== null} onClose={() => setSecret(null)} title={secret?.title ?? ""}>
        {secret ? <PasswordPanel password={secret.password} onClose={() => setSecret(null)} /> : null}
      </Dialog>
    </div>
  );
}

const CONFIRM_TEXT: Record<Confirm["mode"], { title: (row: TenantUserRow) => string; body: (row: TenantUserRow) => string; button: string }> = {
  deprovision: {
    title: (row) => `Deprovision ${row.name}?`,
    body: (row) =>
      `${row.name} is signed out at once and can no longer sign in. Their ${row.apiTokenCount} API token(s) are kept, but every call with them is refused with "permission denied" until you reprovision them; you can also revoke them on the API tokens page.`,
    button: "Deprovision",
  },
  reprovision: {
    title: (row) => `Reprovision ${row.name}?`,
    body: (row) => `${row.name} can sign in again, and their API tokens work again with the privileges of their role.`,
    button: "Reprovision",
  },
  revokeTokens: {
    title: (row) => (row.apiTokenCount === 1 ? `Revoke the API token of ${row.name}?` : `Revoke all ${row.apiTokenCount} API tokens of ${row.name}?`),
    body: (row) =>
      `Every script or tool using ${row.apiTokenCount === 1 ? "it" : "any of them"} is refused from now on. ${row.name} can still sign in and generate new tokens unless you also deprovision them. This cannot be undone.`,
    button: "Revoke all",
  },
  reset: {
    title: (row) => `Reset the password of ${row.name}?`,
    body: (row) => `Keyport generates a new password and shows it to you once. ${row.name}'s open sessions end at once.`,
    button: "Reset password",
  },
};

function PasswordPanel({ password, onClose }: { password: string; onClose: () => void }) {
  return (
    <div className="space-y-4">
      <SecretValue
        id="generated-password"
        label="Password"
        value={password}
        what="Password"
        warning="Give this password to the person over a safe channel. It will not be shown again; they can change it under My account."
      />
      <div className="flex justify-end">
        <Button variant="primary" onClick={onClose}>
          Close
        </Button>
      </div>
    </div>
  );
}

function RoleSelect({ id, value, onChange, error }: { id: string; value: string; onChange: (role: string) => void; error?: string[] }) {
  return (
    <select id={id} value={value} onChange={(event) => onChange(event.target.value)} className={inputClasses} {...fieldAria({ id, error })}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {ROLE_LABELS[role]}
        </option>
      ))}
    </select>
  );
}

function AddUserDialog({ onClose, onAdded }: { onClose: () => void; onAdded: (secret: Secret | null) => void }) {
  const toast = useToast();
  const [form, setForm] = useState({ email: "", name: "", role: "SECURITY_READER", password: "" });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();
  const set = (key: keyof typeof form) => (value: string) => setForm((current) => ({ ...current, [key]: value }));

  function submit(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await addUserAction({ ...form, role: form.role as Role });
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        toast.error(result.error);
        return;
      }
      toast.success(`${result.value.name} added.`);
      onAdded(result.value.initialPassword ? { title: `Initial password for ${result.value.name}`, password: result.value.initialPassword } : null);
    });
  }

  return (
    <Dialog open onClose={onClose} title="Add user">
      <form onSubmit={submit} noValidate className="space-y-4">
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

function ChangeRoleDialog({ row, onClose, onChanged }: { row: TenantUserRow; onClose: () => void; onChanged: () => void }) {
  const toast = useToast();
  const [role, setRole] = useState(row.role);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await changeUserRoleAction({ userId: row.id, role: role as Role });
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      toast.success(`${row.name} is now ${ROLE_LABELS[role as Role]}. Their API tokens follow from the next call.`);
      onChanged();
    });
  }

  return (
    <Dialog open onClose={onClose} title={`Change the role of ${row.name}`} description="An API token holds its issuer's role as it is at each request: this change applies to every token of this user at once.">
      <form onSubmit={submit} className="space-y-4">
        <Field id="change-role" label="Role">
          <RoleSelect id="change-role" value={role} onChange={setRole} />
        </Field>
        <DialogActions onCancel={onClose} label="Save" pending={pending} disabled={role === row.role} />
      </form>
    </Dialog>
  );
}
