"use client";
// Above the API tokens table: the name search, the status filter (what each status means written
// beside it, where people choose one, not only in the badges' tooltips) and how many tokens match.
import { TableSearch } from "@/components/ui/table-search";
import type { QueryChanges } from "@/components/ui/use-url-query";
import { TOKEN_STATUS_MEANINGS, TOKEN_STATUSES } from "@/lib/tokens/token-status";
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
    <div className="flex flex-wrap items-end gap-x-4 gap-y-2">
      <TableSearch id="token-search" label="Search by name" value={search} onValue={onSearchChange} onSearch={(text) => navigate({ q: text })} />
      <div>
        <label htmlFor="token-status" className="block text-sm font-medium">
          Status
        </label>
        <select
          id="token-status"
          aria-describedby="token-status-meanings"
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
      <dl id="token-status-meanings" className="w-full text-xs text-slate-600 sm:flex sm:flex-wrap sm:gap-x-4">
        {TOKEN_STATUSES.map((name) => (
          <div key={name}>
            <dt className="inline font-medium text-slate-700">{name}</dt>
            <dd className="inline">: {TOKEN_STATUS_MEANINGS[name]}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
