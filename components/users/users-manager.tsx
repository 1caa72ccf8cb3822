"use client";
// Users of the tenant, for its full admins: search, filter and sort (kept in the URL), add, change
// role, deprovision / reprovision, reset password, revoke all of a person's API tokens (offboarding),
// and lift the sign-in lock of a person locked out by too many failed sign-ins. This file holds the
// page's state and where focus goes; each part and each dialog has a file of its own.
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { focusSoon } from "@/components/ui/dialog";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useUrlQuery } from "@/components/ui/use-url-query";
import { AddUserDialog } from "@/components/users/add-user-dialog";
import { ChangeRoleDialog } from "@/components/users/change-role-dialog";
import { UserChangeDialog, type UserChange } from "@/components/users/user-change-dialog";
import { UsersTable } from "@/components/users/users-table";
import { UsersToolbar } from "@/components/users/users-toolbar";
import type { TenantUserRow } from "@/lib/users/manage-users";
import { DEFAULT_USER_TABLE_QUERY, type UserTableQuery } from "@/lib/users/user-table-query";

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
  const hydrated = useHydrated();
  const { navigate, loading } = useUrlQuery({ defaults: DEFAULT_USER_TABLE_QUERY });
  const [adding, setAdding] = useState(false);
  const [editingRole, setEditingRole] = useState<TenantUserRow | null>(null);
  const [change, setChange] = useState<UserChange | null>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const [search, setSearch] = useState(query.q);
  const announcementRef = useRef<HTMLParagraphElement>(null);
  // After a (de)provisioning the row's button now means the opposite: focus goes to the message instead.
  const focusAnnouncement = useRef(false);
  const searchRef = useRef<HTMLInputElement>(null);

  const filtered = query.q !== "" || query.role !== "all" || query.state !== "all";

  return (
    <div className="mt-6">
      <UsersToolbar
        query={query}
        search={search}
        onSearchChange={setSearch}
        searchRef={searchRef}
        navigate={navigate}
        status={loading ? "Loading…" : filtered ? `${rows.length} of ${total} users` : total === 1 ? "1 user" : `${total} users`}
        canAdd={hydrated}
        onAdd={() => setAdding(true)}
      />

      {announcement ? (
        <p ref={announcementRef} role="status" tabIndex={-1} className="mt-4 rounded-md border border-emerald-100 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 focus:outline-none focus-visible:outline-2">
          {announcement}
        </p>
      ) : null}

      <ScrollRegion label="Users table" className="mt-4 rounded-lg border border-slate-200 bg-white">
        <UsersTable
          rows={rows}
          query={query}
          loading={loading}
          currentUserId={currentUserId}
          lastActiveAdminId={lastActiveAdminId}
          serverNow={serverNow}
          onSort={navigate}
          onChangeRole={setEditingRole}
          onChange={setChange}
        />
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

      {adding ? <AddUserDialog onClose={() => setAdding(false)} /> : null}

      {editingRole ? <ChangeRoleDialog row={editingRole} onClose={() => setEditingRole(null)} /> : null}

      {change ? (
        <UserChangeDialog
          key={`${change.mode}-${change.row.id}`}
          change={change}
          onClose={() => setChange(null)}
          returnFocus={() => {
            const target = focusAnnouncement.current ? announcementRef.current : null;
            focusAnnouncement.current = false;
            return target;
          }}
          onProvisioningChanged={(text) => {
            focusAnnouncement.current = true;
            setAnnouncement(text);
            setChange(null);
          }}
        />
      ) : null}
    </div>
  );
}
