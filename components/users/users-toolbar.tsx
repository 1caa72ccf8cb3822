"use client";
// Above the Users table: the search, the role and state filters, how many people are shown, and Add user.
import { Button } from "@/components/ui/button";
import { TableSearch } from "@/components/ui/table-search";
import type { QueryChanges } from "@/components/ui/use-url-query";
import { ROLE_LABELS, ROLES } from "@/lib/permissions";
import type { UserTableQuery } from "@/lib/users/user-table-query";

export function UsersToolbar({
  query,
  search,
  onSearchChange,
  searchRef,
  navigate,
  status,
  canAdd,
  onAdd,
}: {
  query: UserTableQuery;
  search: string;
  onSearchChange: (value: string) => void;
  searchRef: React.RefObject<HTMLInputElement | null>;
  navigate: (changes: QueryChanges) => void;
  /** "Loading…", or how many users are shown. */
  status: string;
  canAdd: boolean;
  onAdd: () => void;
}) {
  return (
    <div className="flex flex-wrap items-end gap-3">
      <TableSearch
        id="user-search"
        label="Search users"
        landmark="Users"
        value={search}
        onValue={onSearchChange}
        onSearch={(text) => navigate({ q: text })}
        inputRef={searchRef}
        placeholder="Name or email"
        className="flex w-full items-end gap-2 sm:w-auto"
        fieldClassName="min-w-0 flex-1"
        inputClassName="w-full sm:w-64"
      />
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
          {status}
        </p>
        <Button variant="primary" disabled={!canAdd} onClick={onAdd}>
          Add user
        </Button>
      </div>
    </div>
  );
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
