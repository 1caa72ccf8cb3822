"use client";
// Above the API tokens table: the name search, the status filter and how many tokens match.
import { TableSearch } from "@/components/ui/table-search";
import type { QueryChanges } from "@/components/ui/use-url-query";
import { TOKEN_STATUSES } from "@/lib/tokens/token-status";
import type { TokenTableQuery } from "@/lib/tokens/schemas";

export function TokenTableToolbar({
  query,
  search,
  onSearchChange,
  navigate,
  status,
}: {
  query: TokenTableQuery;
  search: string;
  onSearchChange: (value: string) => void;
  navigate: (changes: QueryChanges) => void;
  /** "Loading…", or how many tokens match. */
  status: string;
}) {
  return (
    <div className="flex flex-wrap items-end gap-4">
      <TableSearch id="token-search" label="Search by name" value={search} onValue={onSearchChange} onSearch={(text) => navigate({ q: text })} />
      <div>
        <label htmlFor="token-status" className="block text-sm font-medium">
          Status
        </label>
        <select
          id="token-status"
          value={query.status}
          onChange={(event) => navigate({ status: event.target.value === "All" ? null : event.target.value })}
          className="mt-1 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
        >
          {["All", ...TOKEN_STATUSES].map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </div>
      <p className="ml-auto text-sm text-slate-600" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
