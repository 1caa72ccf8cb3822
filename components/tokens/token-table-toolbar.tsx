"use client";
// Above the API tokens table: the name search, the status filter (what each status means written
// beside it, where people choose one, not only in the badges' tooltips) and how many tokens match.
import { TableSearch } from "@/components/ui/table-search";
import type { QueryChanges } from "@/components/ui/use-url-query";
import { TOKEN_STATUS_MEANINGS, TOKEN_STATUSES } from "@/lib/tokens/token-status";
import type { TokenTableQuery } from "@/lib/tokens/schemas";

const OWNER_CHOICES = [
  { value: "all", label: "All owners" },
  { value: "people", label: "People" },
  { value: "service-accounts", label: "Service accounts" },
] as const;

export function TokenTableToolbar({
  query,
  search,
  onSearchChange,
  navigate,
  status,
  showOwner = false,
}: {
  query: TokenTableQuery;
  search: string;
  onSearchChange: (value: string) => void;
  navigate: (changes: QueryChanges) => void;
  /** "Loading…", or how many tokens match. */
  status: string;
  /** The owner filter (people's tokens or service accounts'), for those who see every token. */
  showOwner?: boolean;
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
      {showOwner ? (
        <div>
          <label htmlFor="token-owner" className="block text-sm font-medium">
            Owner
          </label>
          <select
            id="token-owner"
            value={query.owner}
            onChange={(event) => navigate({ owner: event.target.value === "all" ? null : event.target.value })}
            className="mt-1 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
          >
            {OWNER_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
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
