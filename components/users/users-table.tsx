"use client";
// The Users table: one row per person with their role, state (deprovisioned, locked out by failed
// sign-ins, signing in with single sign-on and when they last did), API token count and when they were added, and the buttons that act on them. Sorted on
// the server; the headers keep the order in the URL.
import Link from "next/link";
import { createColumnHelper, useTable } from "@tanstack/react-table";
import { DataTable, dataTableFeatures } from "@/components/ui/data-table";
import { IconButton } from "@/components/ui/icon-button";
import { KeyIcon, KeyOffIcon, RoleIcon, UnlockIcon, UserMinusIcon, UserPlusIcon } from "@/components/ui/icons";
import { RelativeTime } from "@/components/ui/relative-time";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { UserChange } from "@/components/users/user-change-dialog";
import { ROLE_LABELS, type Role } from "@/lib/permissions";
import type { TenantUserRow } from "@/lib/users/manage-users";
import type { UserTableQuery } from "@/lib/users/user-table-query";

type UserTableMeta = {
  currentUserId: string;
  lastActiveAdminId: string | null;
  serverNow: string;
  onChangeRole: (row: TenantUserRow) => void;
  onChange: (change: UserChange) => void;
};

const features = dataTableFeatures<UserTableMeta>();
const helper = createColumnHelper<typeof features, TenantUserRow>();

const LAST_ADMIN_NOTE_ID = "last-admin-note";

// The columns are made once (see DataTable); each sort field is the column's id.
const COLUMNS = helper.columns([
  helper.display({
    id: "name",
    header: "Name",
    meta: { card: "title", sortFirst: "asc" },
    cell: ({ row: { original: row }, table }) => (
      <>
        <div className="font-medium">
          {row.name}
          {row.id === table.options.meta!.currentUserId ? <span className="ml-2 text-xs font-normal text-slate-600">(you)</span> : null}
        </div>
        <div className="text-xs text-slate-600">{row.email}</div>
        {row.id === table.options.meta!.lastActiveAdminId ? (
          <p id={LAST_ADMIN_NOTE_ID} className="mt-1 max-w-64 text-xs text-amber-900">
            The only active Global administrator: make someone else one before changing this role or deprovisioning.
          </p>
        ) : null}
      </>
    ),
  }),
  helper.display({
    id: "role",
    header: "Role",
    meta: { sortFirst: "asc", className: "whitespace-nowrap" },
    cell: ({ row: { original: row } }) => ROLE_LABELS[row.role as Role] ?? row.role,
  }),
  helper.display({
    id: "state",
    header: "State",
    meta: { sortFirst: "asc", className: "whitespace-nowrap" },
    cell: ({ row: { original: row }, table }) => (
      <>
        {row.deprovisionedAt ? (
          <span className="rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-800">
            Deprovisioned <RelativeTime value={row.deprovisionedAt} serverNow={table.options.meta!.serverNow} />
          </span>
        ) : (
          <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800">Active</span>
        )}
        {row.lastSsoSignInAt ? (
          <div className="mt-1 text-xs text-slate-600">
            Single sign-on, last <RelativeTime value={row.lastSsoSignInAt} serverNow={table.options.meta!.serverNow} />
          </div>
        ) : null}
        {row.signInLockedUntil ? (
          <div className="mt-1">
            <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900">
              Locked until <ExactTime value={row.signInLockedUntil} />
            </span>
            <div className="mt-0.5 text-xs text-slate-600">Too many failed sign-ins</div>
          </div>
        ) : null}
      </>
    ),
  }),
  helper.display({
    id: "tokens",
    header: "API tokens",
    meta: { sortFirst: "desc", className: "tabular-nums" },
    cell: ({ row: { original: row } }) => row.apiTokenCount,
  }),
  helper.display({
    id: "added",
    header: "Added",
    meta: { sortFirst: "desc", className: "whitespace-nowrap" },
    cell: ({ row: { original: row }, table }) => <RelativeTime value={row.createdAt} serverNow={table.options.meta!.serverNow} />,
  }),
  helper.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    meta: { card: "actions", className: "text-right whitespace-nowrap sm:py-1" },
    cell: ({ row: { original: row }, table }) => <UserActions row={row} meta={table.options.meta!} />,
  }),
]);

export function UsersTable({
  rows,
  query,
  loading,
  onSort,
  ...meta
}: {
  rows: TenantUserRow[];
  query: UserTableQuery;
  loading: boolean;
  onSort: (next: { sort: string; dir: string }) => void;
} & UserTableMeta) {
  const table = useTable({ features, columns: COLUMNS, data: rows, getRowId: (row) => row.id, meta });
  return <DataTable table={table} label="Users" busy={loading} sort={{ current: query, onSort }} />;
}

function UserActions({ row, meta }: { row: TenantUserRow; meta: UserTableMeta }) {
  const isSelf = row.id === meta.currentUserId;
  /** The tenant's only active Global administrator: they may not be demoted or deprovisioned. */
  const lastAdmin = row.id === meta.lastActiveAdminId;
  const { onChangeRole, onChange } = meta;
  return (
    <>
      <IconButton
        label={`Change role of ${row.name}`}
        tip="Change role"
        icon={<RoleIcon />}
        unavailable={lastAdmin}
        aria-describedby={lastAdmin ? LAST_ADMIN_NOTE_ID : undefined}
        onClick={() => onChangeRole(row)}
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
        <IconButton label={`Reset password of ${row.name}`} tip="Reset password" icon={<KeyIcon />} onClick={() => onChange({ mode: "reset", row })} />
      )}
      {row.deprovisionedAt ? (
        <IconButton label={`Reprovision ${row.name}`} tip="Reprovision" icon={<UserPlusIcon />} onClick={() => onChange({ mode: "reprovision", row })} />
      ) : (
        <IconButton
          label={`Deprovision ${row.name}`}
          tip="Deprovision"
          tone="danger"
          icon={<UserMinusIcon />}
          unavailable={lastAdmin}
          aria-describedby={lastAdmin ? LAST_ADMIN_NOTE_ID : undefined}
          onClick={() => onChange({ mode: "deprovision", row })}
        />
      )}
      {row.signInLockedUntil ? <IconButton label={`Unlock ${row.name}`} tip="Unlock sign-in" icon={<UnlockIcon />} onClick={() => onChange({ mode: "unlock", row })} /> : null}
      {row.apiTokenCount > 0 ? (
        <IconButton
          label={`Revoke all tokens of ${row.name}`}
          tip={`Revoke all ${row.apiTokenCount === 1 ? "1 token" : `${row.apiTokenCount} tokens`}`}
          tone="danger"
          icon={<KeyOffIcon />}
          onClick={() => onChange({ mode: "revokeTokens", row })}
        />
      ) : null}
    </>
  );
}

/** A time to the minute, in the reader's own time zone once the page runs in their browser. */
function ExactTime({ value }: { value: string }) {
  const hydrated = useHydrated();
  const date = new Date(value);
  const text = hydrated ? date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return <time dateTime={value}>{text}</time>;
}
