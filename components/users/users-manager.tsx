"use client";
// Users of the tenant, for its full admins: search, filter and sort (kept in the URL), add, change
// role, deprovision / reprovision, reset password, revoke all of a person's API tokens (offboarding),
// and lift the sign-in lock of a person locked out by too many failed sign-ins.
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { addUserAction, changeUserRoleAction, resetUserPasswordAction, setUserProvisioningAction, unlockUserSignInAction } from "@/lib/actions/users";
import { revokeAllTokensOfUserAction } from "@/lib/actions/api-tokens";
import { Button } from "@/components/ui/button";
import { SecretValue } from "@/components/ui/secret-value";
import { Field, fieldAria, inputClasses, TextField } from "@/components/ui/text-field";
import { Dialog, DialogActions, DialogError, focusSoon } from "@/components/ui/dialog";
import { IconButton } from "@/components/ui/icon-button";
import { KeyIcon, KeyOffIcon, RoleIcon, UnlockIcon, UserMinusIcon, UserPlusIcon } from "@/components/ui/icons";
import { RelativeTime } from "@/components/ui/relative-time";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { useToast } from "@/components/ui/toast";
import { useHydrated } from "@/components/ui/use-hydrated";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/permissions";
import type { TenantUserRow } from "@/lib/users/manage-users";
import { DEFAULT_USER_TABLE_QUERY, type UserSortField, type UserTableQuery } from "@/lib/users/user-table-query";

type Confirm = { mode: "deprovision" | "reprovision" | "reset" | "revokeTokens" | "unlock"; row: TenantUserRow };

const COLUMNS: { field: UserSortField; label: string }[] = [
  { field: "name", label: "Name" },
  { field: "role", label: "Role" },
  { field: "state", label: "State" },
  { field: "tokens", label: "API tokens" },
  { field: "added", label: "Added" },
];

export function tokensPhrase(count: number): string {
  return count === 0 ? "no API tokens" : count === 1 ? "1 API token" : `${count} API tokens`;
}

export function UsersManager({
  rows,
  total,
  query,
  currentUserId,
  lastActiveAdminId,
  serverNow,
}: {
  rows: TenantUserRow[];
  total: number;
  query: UserTableQuery;
  currentUserId: string;
  /** The tenant's only active Global administrator, when there is just one: they may not be demoted or deprovisioned. */
  lastActiveAdminId: string | null;
  serverNow: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const hydrated = useHydrated();
  const [adding, setAdding] = useState(false);
  const [editingRole, setEditingRole] = useState<TenantUserRow | null>(null);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const [search, setSearch] = useState(query.q);
  const [loading, startNavigation] = useTransition();
  const announcementRef = useRef<HTMLParagraphElement>(null);
  // After a (de)provisioning the row's button now means the opposite: focus goes to the message instead.
  const focusAnnouncement = useRef(false);
  const searchRef = useRef<HTMLInputElement>(null);

  // Changes made in quick succession build on each other, not on the URL of the page still shown.
  const pendingParams = useRef<string | null>(null);
  useEffect(() => {
    if (pendingParams.current === searchParams.toString()) pendingParams.current = null;
  }, [searchParams]);

  const navigate = useCallback(
    (changes: Partial<Record<keyof UserTableQuery, string | null>>) => {
      const params = new URLSearchParams(pendingParams.current ?? searchParams.toString());
      for (const [key, value] of Object.entries(changes)) {
        const isDefault = value === null || value === "" || value === DEFAULT_USER_TABLE_QUERY[key as keyof UserTableQuery];
        if (isDefault) params.delete(key);
        else params.set(key, value);
      }
      const search = params.toString();
      pendingParams.current = search;
      startNavigation(() => router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false }));
    },
    [pathname, router, searchParams],
  );

  const filtered = query.q !== "" || query.role !== "all" || query.state !== "all";
  const lastAdminNoteId = "last-admin-note";

  return (
    <div className="mt-6">
      <div className="flex flex-wrap items-end gap-3">
        <form
          role="search"
          aria-label="Users"
          onSubmit={(event) => {
            event.preventDefault();
            navigate({ q: search.trim() });
          }}
          className="flex w-full items-end gap-2 sm:w-auto"
        >
          <div className="min-w-0 flex-1">
            <label htmlFor="user-search" className="block text-sm font-medium">
              Search users
            </label>
            <input
              ref={searchRef}
              id="user-search"
              type="search"
              value={search}
              maxLength={100}
              onChange={(event) => setSearch(event.target.value)}
              placeholder="Name or email"
              className="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm sm:w-64"
            />
          </div>
          <Button type="submit">Search</Button>
        </form>
        {/* Named so that no label here contains "Role", "Name" or "Email": those name the dialogs' fields. */}
        <FilterSelect
          id="user-role-filter"
          label="Filter by access"
          value={query.role}
          onChange={(value) => navigate({ role: value })}
          options={[["all", "All roles"], ...ROLES.map((role): [string, string] => [role, ROLE_LABELS[role]])]}
        />
        <FilterSelect
          id="user-state-filter"
          label="Filter by state"
          value={query.state}
          onChange={(value) => navigate({ state: value })}
          options={[
            ["all", "All states"],
            ["active", "Active"],
            ["deprovisioned", "Deprovisioned"],
          ]}
        />
        <div className="ml-auto flex items-center gap-3">
          <p className="text-sm text-slate-600" aria-live="polite">
            {loading ? "Loading…" : filtered ? `${rows.length} of ${total} users` : total === 1 ? "1 user" : `${total} users`}
          </p>
          <Button variant="primary" disabled={!hydrated} onClick={() => setAdding(true)}>
            Add user
          </Button>
        </div>
      </div>

      {announcement ? (
        <p ref={announcementRef} role="status" tabIndex={-1} className="mt-4 rounded-md border border-emerald-100 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 focus:outline-none focus-visible:outline-2">
          {announcement}
        </p>
      ) : null}

      <ScrollRegion label="Users table" className="mt-4 rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" aria-label="Users" aria-busy={loading}>
          <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
            <tr>
              {COLUMNS.map((column) => {
                const sorted = query.sort === column.field ? query.dir : null;
                return (
                  <th key={column.field} scope="col" className="px-4 py-2 font-medium whitespace-nowrap" aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}>
                    <button
                      type="button"
                      className="inline-flex items-center gap-1 rounded-sm hover:text-slate-900"
                      onClick={() => navigate({ sort: column.field, dir: sorted === "asc" ? "desc" : sorted === "desc" ? "asc" : column.field === "added" || column.field === "tokens" ? "desc" : "asc" })}
                    >
                      {column.label}
                      <span aria-hidden="true" className="text-xs text-slate-500">
                        {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                      </span>
                    </button>
                  </th>
                );
              })}
              <th scope="col" className="px-4 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className={loading ? "opacity-60" : undefined}>
            {rows.map((row) => {
              const isSelf = row.id === currentUserId;
              const lastAdmin = row.id === lastActiveAdminId;
              return (
                <tr key={row.id} className="border-b border-slate-100 last:border-0">
                  <td className="px-4 py-2 align-top">
                    <div className="font-medium">
                      {row.name}
                      {isSelf ? <span className="ml-2 text-xs font-normal text-slate-600">(you)</span> : null}
                    </div>
                    <div className="text-xs text-slate-600">{row.email}</div>
                    {lastAdmin ? (
                      <p id={lastAdminNoteId} className="mt-1 max-w-64 text-xs text-amber-900">
                        The only active Global administrator: make someone else one before changing this role or deprovisioning.
                      </p>
                    ) : null}
                  </td>
                  <td className="px-4 py-2 align-top whitespace-nowrap">{ROLE_LABELS[row.role as Role] ?? row.role}</td>
                  <td className="px-4 py-2 align-top whitespace-nowrap">
                    {row.deprovisionedAt ? (
                      <span className="rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-800">
                        Deprovisioned <RelativeTime value={row.deprovisionedAt} serverNow={serverNow} />
                      </span>
                    ) : (
                      <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800">Active</span>
                    )}
                    {row.signInLockedUntil ? (
                      <div className="mt-1">
                        <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900">
                          Locked until <ExactTime value={row.signInLockedUntil} />
                        </span>
                        <div className="mt-0.5 text-xs text-slate-600">Too many failed sign-ins</div>
                      </div>
                    ) : null}
                  </td>
                  <td className="px-4 py-2 align-top tabular-nums">{row.apiTokenCount}</td>
                  <td className="px-4 py-2 align-top whitespace-nowrap">
                    <RelativeTime value={row.createdAt} serverNow={serverNow} />
                  </td>
                  <td className="px-4 py-1 text-right align-top whitespace-nowrap">
                    <IconButton
                      label={`Change role of ${row.name}`}
                      tip="Change role"
                      icon={<RoleIcon />}
                      unavailable={lastAdmin}
                      aria-describedby={lastAdmin ? lastAdminNoteId : undefined}
                      onClick={() => setEditingRole(row)}
                    />
                    {isSelf ? (
                      <span className="group relative inline-flex">
                        <Link href="/settings/account" aria-label="Change your password" className="inline-flex h-9 w-9 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100">
                          <KeyIcon />
                        </Link>
                        <span aria-hidden="true" className="pointer-events-none absolute top-1/2 right-full z-10 mr-1 hidden -translate-y-1/2 rounded bg-slate-900 px-2 py-1 text-xs whitespace-nowrap text-white shadow group-focus-within:block group-hover:block">
                          Change your password
                        </span>
                      </span>
                    ) : (
                      <IconButton label={`Reset password of ${row.name}`} tip="Reset password" icon={<KeyIcon />} onClick={() => setConfirm({ mode: "reset", row })} />
                    )}
                    {row.deprovisionedAt ? (
                      <IconButton label={`Reprovision ${row.name}`} tip="Reprovision" icon={<UserPlusIcon />} onClick={() => setConfirm({ mode: "reprovision", row })} />
                    ) : (
                      <IconButton
                        label={`Deprovision ${row.name}`}
                        tip="Deprovision"
                        tone="danger"
                        icon={<UserMinusIcon />}
                        unavailable={lastAdmin}
                        aria-describedby={lastAdmin ? lastAdminNoteId : undefined}
                        onClick={() => setConfirm({ mode: "deprovision", row })}
                      />
                    )}
                    {row.signInLockedUntil ? (
                      <IconButton label={`Unlock ${row.name}`} tip="Unlock sign-in" icon={<UnlockIcon />} onClick={() => setConfirm({ mode: "unlock", row })} />
                    ) : null}
                    {row.apiTokenCount > 0 ? (
                      <IconButton
                        label={`Revoke all tokens of ${row.name}`}
                        tip={`Revoke all ${row.apiTokenCount === 1 ? "1 token" : `${row.apiTokenCount} tokens`}`}
                        tone="danger"
                        icon={<KeyOffIcon />}
                        onClick={() => setConfirm({ mode: "revokeTokens", row })}
                      />
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {rows.length === 0 ? (
          <div className="px-6 py-12 text-center">
            <p className="font-medium">No users match these filters.</p>
            <Button
              className="mt-3"
              onClick={() => {
                setSearch("");
                navigate({ q: null, role: null, state: null });
                // The button goes away with the empty state: keep the focus where the search starts.
                focusSoon(searchRef.current);
              }}
            >
              Clear filters
            </Button>
          </div>
        ) : null}
      </ScrollRegion>

      {adding ? (
        <AddUserDialog
          onClose={() => setAdding(false)}
          onAdded={() => router.refresh()}
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

      {confirm ? (
        <UserChangeDialog
          key={`${confirm.mode}-${confirm.row.id}`}
          confirm={confirm}
          onClose={() => setConfirm(null)}
          returnFocus={() => {
            const target = focusAnnouncement.current ? announcementRef.current : null;
            focusAnnouncement.current = false;
            return target;
          }}
          onDone={() => {
            setConfirm(null);
            router.refresh();
          }}
          onProvisioningChanged={(text) => {
            focusAnnouncement.current = true;
            setAnnouncement(text);
            setConfirm(null);
            router.refresh();
          }}
        />
      ) : null}
    </div>
  );
}

/** A time to the minute, in the reader's own time zone once the page runs in their browser. */
function ExactTime({ value }: { value: string }) {
  const hydrated = useHydrated();
  const date = new Date(value);
  const text = hydrated ? date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return <time dateTime={value}>{text}</time>;
}

function FilterSelect({ id, label, value, options, onChange }: { id: string; label: string; value: string; options: [string, string][]; onChange: (value: string) => void }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)} className="mt-1 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </div>
  );
}

const CONFIRM_TEXT: Record<Confirm["mode"], { title: (row: TenantUserRow) => string; body: (row: TenantUserRow) => string; button: string; pending: string }> = {
  deprovision: {
    title: (row) => `Deprovision ${row.name}?`,
    body: (row) =>
      row.apiTokenCount === 0
        ? `${row.name} is signed out at once and can no longer sign in. They have no API tokens.`
        : `${row.name} is signed out at once and can no longer sign in. Their ${tokensPhrase(row.apiTokenCount)} ${row.apiTokenCount === 1 ? "is" : "are"} kept, but every call with ${row.apiTokenCount === 1 ? "it" : "them"} is refused with "permission denied" until you reprovision them; you can also revoke ${row.apiTokenCount === 1 ? "it" : "them"} on the API tokens page.`,
    button: "Deprovision",
    pending: "Deprovisioning…",
  },
  reprovision: {
    title: (row) => `Reprovision ${row.name}?`,
    body: (row) =>
      row.apiTokenCount === 0
        ? `${row.name} can sign in again.`
        : `${row.name} can sign in again, and their ${tokensPhrase(row.apiTokenCount)} ${row.apiTokenCount === 1 ? "works" : "work"} again with the privileges of their role.`,
    button: "Reprovision",
    pending: "Reprovisioning…",
  },
  revokeTokens: {
    title: (row) => (row.apiTokenCount === 1 ? `Revoke the API token of ${row.name}?` : `Revoke all ${row.apiTokenCount} API tokens of ${row.name}?`),
    body: (row) =>
      `Every script or tool using ${row.apiTokenCount === 1 ? "it" : "any of them"} is refused from now on. ${row.name} can still sign in and generate new tokens unless you also deprovision them. This cannot be undone.`,
    button: "Revoke all",
    pending: "Revoking…",
  },
  unlock: {
    title: (row) => `Unlock ${row.name}?`,
    body: (row) =>
      `${row.name} has been locked out of sign-in by too many failed sign-ins for their email. Unlocking lets them sign in again at once. If the failures were not theirs, someone may be guessing their password: a browser ${row.name} signed in with before still lets them in while locked.`,
    button: "Unlock",
    pending: "Unlocking…",
  },
  reset: {
    title: (row) => `Reset the password of ${row.name}?`,
    body: (row) => `Keyport generates a new password and shows it to you once. ${row.name}'s open sessions end at once.`,
    button: "Reset password",
    pending: "Resetting…",
  },
};

/**
 * Deprovision, reprovision or reset a password, after a confirmation that names the person. A refusal
 * (the last administrator, a session that ended) is shown inside the dialog. A reset swaps the
 * confirmation for the new password, in the same dialog.
 */
function UserChangeDialog({
  confirm,
  onClose,
  onProvisioningChanged,
  onDone,
  returnFocus,
}: {
  confirm: Confirm;
  onClose: () => void;
  onProvisioningChanged: (announcement: string) => void;
  /** A change that needs the list reloaded and the dialog closed (offboarding). */
  onDone: () => void;
  returnFocus: () => HTMLElement | null;
}) {
  const { mode, row } = confirm;
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const [password, setPassword] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const text = CONFIRM_TEXT[mode];

  function run() {
    startTransition(async () => {
      if (mode === "revokeTokens") {
        // Offboarding: every API token of the person stops working at once.
        const result = await revokeAllTokensOfUserAction({ userId: row.id });
        if (!result.ok) return setError(result.error);
        toast.success(result.value.count === 1 ? `1 API token of ${row.name} revoked.` : `${result.value.count} API tokens of ${row.name} revoked.`);
        onDone();
        return;
      }
      if (mode === "unlock") {
        const result = await unlockUserSignInAction({ userId: row.id });
        if (!result.ok) return setError(result.error);
        toast.success(result.value.wasLocked ? `${row.name} is unlocked and can sign in again.` : `${row.name} was no longer locked.`);
        onDone();
        return;
      }
      if (mode === "reset") {
        const result = await resetUserPasswordAction({ userId: row.id });
        if (!result.ok) return setError(result.error);
        toast.success(`Password of ${row.name} reset. Their open sessions have ended.`);
        if (result.value.password) setPassword(result.value.password);
        else onClose();
        return;
      }
      const provisioned = mode === "reprovision";
      const result = await setUserProvisioningAction({ userId: row.id, provisioned });
      if (!result.ok) return setError(result.error);
      onProvisioningChanged(
        provisioned
          ? `${row.name} is active again${row.apiTokenCount ? ", and so are their API tokens" : ""}.`
          : `${row.name} is deprovisioned.${row.apiTokenCount ? " Their API tokens are refused from now on." : ""}`,
      );
    });
  }

  if (password !== null) {
    return (
      <Dialog open onClose={onClose} title={`New password for ${row.name}`}>
        <PasswordPanel password={password} onClose={onClose} />
      </Dialog>
    );
  }
  return (
    <Dialog open onClose={onClose} title={text.title(row)} description={text.body(row)} returnFocus={returnFocus}>
      <DialogError message={error} />
      <DialogActions onCancel={onClose} onConfirm={run} variant={mode === "deprovision" || mode === "revokeTokens" ? "danger" : "primary"} pending={pending} pendingLabel={text.pending} label={text.button} />
    </Dialog>
  );
}

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
        <Button variant="primary" className="min-h-11 w-full sm:min-h-0 sm:w-auto" onClick={onClose}>
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

/** Add a user; when Keyport generated the initial password, the form gives way to it in the same dialog. */
function AddUserDialog({ onClose, onAdded }: { onClose: () => void; onAdded: () => void }) {
  const toast = useToast();
  const [form, setForm] = useState({ email: "", name: "", role: "SECURITY_READER", password: "" });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<{ name: string; password: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const set = (key: keyof typeof form) => (value: string) => setForm((current) => ({ ...current, [key]: value }));

  function submit(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await addUserAction({ ...form, role: form.role as Role });
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setError(result.error);
        return;
      }
      toast.success(`${result.value.name} added.`);
      onAdded();
      if (result.value.initialPassword) setAdded({ name: result.value.name, password: result.value.initialPassword });
      else onClose();
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

function ChangeRoleDialog({ row, onClose, onChanged }: { row: TenantUserRow; onClose: () => void; onChanged: () => void }) {
  const toast = useToast();
  const [role, setRole] = useState(row.role);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await changeUserRoleAction({ userId: row.id, role: role as Role });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      toast.success(`${row.name} is now ${ROLE_LABELS[role as Role]}. Their API tokens follow from the next call.`);
      onChanged();
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
