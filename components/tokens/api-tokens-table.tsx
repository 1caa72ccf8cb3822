"use client";
// The API tokens table. Sorting, the status filter, the name search and paging all run in the
// database: this component only keeps their state in the URL and renders the page it is given.
// Rows can be selected and revoked together; each row rotates and revokes on its own, and its name
// leads to the token's details.
import { useCallback, useMemo, useState, useTransition } from "react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { createColumnHelper, rowPaginationFeature, rowSortingFeature, tableFeatures, useTable, type SortingState } from "@tanstack/react-table";
import { revokeApiTokensAction } from "@/lib/actions/api-tokens";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { useToast } from "@/components/ui/toast";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { RevokeTokenDialog } from "@/components/tokens/revoke-token-dialog";
import { RotateTokenDialog } from "@/components/tokens/rotate-token-dialog";
import { StatusBadge } from "@/components/tokens/status-badge";
import { ExpiryTime, LocalDateTime } from "@/components/tokens/token-times";
import type { ApiTokenPage, ApiTokenRow } from "@/lib/tokens/list-api-tokens";
import { TOKEN_STATUSES } from "@/lib/tokens/token-status";
import type { TokenTableQuery } from "@/lib/tokens/schemas";

const features = tableFeatures({ rowSortingFeature, rowPaginationFeature });
const helper = createColumnHelper<typeof features, ApiTokenRow>();

export function ApiTokensTable({ page, query, serverNow, maxLifetimeDays }: { page: ApiTokenPage; query: TokenTableQuery; serverNow: string; maxLifetimeDays: number | null }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const toast = useToast();
  const [loading, startTransition] = useTransition();
  const [revoking, setRevoking] = useState<ApiTokenRow | null>(null);
  const [rotating, setRotating] = useState<ApiTokenRow | null>(null);
  const [search, setSearch] = useState(query.q);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirmBulk, setConfirmBulk] = useState(false);
  const [bulkPending, startBulk] = useTransition();

  // Only rows of this page can be selected; a row that left the page (revoked, filtered) is dropped.
  const selectable = useMemo(() => page.rows.filter((row) => row.canRevoke), [page.rows]);
  const selectedRows = selectable.filter((row) => selected.has(row.id));

  const navigate = useCallback(
    (changes: Partial<Record<keyof TokenTableQuery, string | number | null>>) => {
      const params = new URLSearchParams(searchParams.toString());
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === "") params.delete(key);
        else params.set(key, String(value));
      }
      if (!("page" in changes)) params.delete("page");
      setSelected(new Set());
      startTransition(() => router.replace(`${pathname}?${params.toString()}`, { scroll: false }));
    },
    [pathname, router, searchParams],
  );

  const toggle = useCallback((id: string, checked: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor("name", {
          header: "Name",
          sortDescFirst: false,
          cell: (info) => {
            const row = info.row.original;
            return (
              <div className="flex items-start gap-2">
                {row.canRevoke ? (
                  <input
                    type="checkbox"
                    className="mt-1"
                    aria-label={`Select ${row.name}`}
                    checked={selected.has(row.id)}
                    onChange={(event) => toggle(row.id, event.target.checked)}
                  />
                ) : null}
                <div className="min-w-0">
                  <Link href={`/settings/api-tokens/${row.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    {row.name}
                  </Link>
                  <div className="font-mono text-xs text-slate-500">{row.hint}</div>
                  <div className="mt-0.5 text-xs text-slate-600">
                    <span className="sr-only">Scopes: </span>
                    {row.scopesSummary}
                  </div>
                  {row.allowedIps.length > 0 ? (
                    <div className="text-xs text-slate-600">
                      Only from {row.allowedIps.length === 1 ? row.allowedIps[0] : `${row.allowedIps.length} IP ranges`}
                    </div>
                  ) : null}
                </div>
              </div>
            );
          },
        }),
        helper.accessor((row) => row.issuer.name, {
          id: "generatedBy",
          header: "Generated by",
          sortDescFirst: false,
          cell: (info) => {
            const issuer = info.row.original.issuer;
            return (
              <div>
                <div>{issuer.name}</div>
                <div className="text-xs text-slate-500">{issuer.email}</div>
                {issuer.deprovisioned ? (
                  <div className="mt-1 text-xs text-amber-800">
                    <span className="rounded bg-amber-100 px-1.5 py-0.5 font-medium">Deprovisioned</span> Every call with this token is refused; revoke it.
                  </div>
                ) : null}
              </div>
            );
          },
        }),
        helper.accessor("createdAt", {
          header: "Generated",
          sortDescFirst: true,
          cell: (info) => <RelativeTime value={info.getValue()} serverNow={serverNow} />,
        }),
        helper.accessor("lastUsedAt", {
          header: "Last used",
          sortDescFirst: true,
          cell: (info) => {
            const value = info.getValue();
            if (!value) return <span className="text-slate-500">Never</span>;
            return (
              <div>
                <RelativeTime value={value} serverNow={serverNow} />
                {info.row.original.lastUsedIp ? <div className="text-xs text-slate-500">from {info.row.original.lastUsedIp}</div> : null}
              </div>
            );
          },
        }),
        helper.accessor("expiresAt", {
          header: "Expires",
          enableSorting: false,
          cell: (info) => (
            <div>
              <ExpiryTime value={info.getValue()} serverNow={serverNow} />
              {info.row.original.expiresSoon ? (
                <div className="mt-1">
                  <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">Expires this week</span>
                </div>
              ) : null}
            </div>
          ),
        }),
        helper.accessor("status", {
          header: "Status",
          enableSorting: false,
          cell: (info) => (
            <div>
              <StatusBadge status={info.getValue()} />
              {info.row.original.previousValidUntil ? (
                <div className="mt-1 text-xs text-slate-600">
                  rotated, previous value valid until <LocalDateTime value={info.row.original.previousValidUntil} />
                </div>
              ) : null}
            </div>
          ),
        }),
        helper.display({
          id: "actions",
          header: () => <span className="sr-only">Actions</span>,
          cell: (info) =>
            info.row.original.canRevoke ? (
              <div className="flex justify-end gap-1 whitespace-nowrap">
                <Button variant="ghost" aria-label={`Rotate ${info.row.original.name}`} onClick={() => setRotating(info.row.original)}>
                  Rotate
                </Button>
                <Button variant="ghost" className="!text-red-700" aria-label={`Revoke ${info.row.original.name}`} onClick={() => setRevoking(info.row.original)}>
                  Revoke
                </Button>
              </div>
            ) : null,
        }),
      ]),
    [serverNow, selected, toggle],
  );

  const sorting: SortingState = [{ id: query.sort, desc: query.dir === "desc" }];
  const table = useTable({
    features,
    columns,
    data: page.rows,
    getRowId: (row) => row.id,
    manualSorting: true,
    manualPagination: true,
    rowCount: page.total,
    enableSortingRemoval: false,
    state: { sorting, pagination: { pageIndex: page.page - 1, pageSize: page.pageSize } },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      if (first) navigate({ sort: first.id, dir: first.desc ? "desc" : "asc" });
    },
  });

  function revokeSelected() {
    const ids = selectedRows.map((row) => row.id);
    startBulk(async () => {
      const result = await revokeApiTokensAction({ tokenIds: ids });
      if (result.ok) toast.success(result.value.count === 1 ? "1 token revoked." : `${result.value.count} tokens revoked.`);
      else toast.error(result.error);
      setConfirmBulk(false);
      setSelected(new Set());
      router.refresh();
    });
  }

  const filtered = query.status !== "All" || query.q !== "";
  const firstRow = page.total === 0 ? 0 : (page.page - 1) * page.pageSize + 1;
  const lastRow = Math.min(page.page * page.pageSize, page.total);
  const allSelected = selectable.length > 0 && selectedRows.length === selectable.length;

  return (
    <div className="mt-6">
      <div className="flex flex-wrap items-end gap-4">
        <form
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            navigate({ q: search.trim() });
          }}
          className="flex items-end gap-2"
        >
          <div>
            <label htmlFor="token-search" className="block text-sm font-medium">
              Search by name
            </label>
            <input
              id="token-search"
              type="search"
              value={search}
              maxLength={100}
              onChange={(event) => setSearch(event.target.value)}
              className="mt-1 w-48 rounded-md border border-slate-300 px-3 py-1.5 text-sm sm:w-64"
            />
          </div>
          <Button type="submit">Search</Button>
        </form>
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
          {loading ? "Loading…" : page.total === 1 ? "1 token" : `${page.total.toLocaleString("en")} tokens`}
        </p>
      </div>

      {selectable.length > 0 ? (
        <div className="mt-4 flex flex-wrap items-center gap-3 text-sm">
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={allSelected}
              onChange={(event) => setSelected(event.target.checked ? new Set(selectable.map((row) => row.id)) : new Set())}
            />
            Select all on this page
          </label>
          <span aria-live="polite" className="text-slate-600">
            {selectedRows.length > 0 ? `${selectedRows.length} selected` : ""}
          </span>
          <Button variant="secondary" className="!text-red-700" disabled={selectedRows.length === 0} onClick={() => setConfirmBulk(true)}>
            Revoke selected
          </Button>
        </div>
      ) : null}

      <ScrollRegion label="API tokens table" className="mt-4 rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" aria-busy={loading} aria-label="API tokens">
          <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const canSort = header.column.getCanSort();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className="px-4 py-2 font-medium"
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : canSort ? "none" : undefined}
                    >
                      {canSort ? (
                        <button type="button" onClick={header.column.getToggleSortingHandler()} className="inline-flex items-center gap-1 hover:text-slate-900">
                          <table.FlexRender header={header} />
                          <span aria-hidden="true" className="text-xs text-slate-400">
                            {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                          </span>
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className={loading ? "opacity-60" : undefined}>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className={`border-b border-slate-100 last:border-0 ${row.original.expiresSoon ? "bg-amber-50/60" : ""}`}>
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className="px-4 py-2 align-top">
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {page.rows.length === 0 ? (
          <div className="px-6 py-12 text-center">
            {filtered ? (
              <>
                <p className="font-medium">No tokens match these filters.</p>
                <Button
                  className="mt-3"
                  onClick={() => {
                    setSearch("");
                    navigate({ status: null, q: null });
                  }}
                >
                  Clear filters
                </Button>
              </>
            ) : (
              <>
                <p className="font-medium">No API tokens yet.</p>
                <p className="mt-1 text-sm text-slate-600">Generate a token to let a script or a SIEM tool call the Keyport API.</p>
              </>
            )}
          </div>
        ) : null}
      </ScrollRegion>

      {page.pageCount > 1 ? (
        <nav aria-label="Pages" className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
          <span>
            Showing {firstRow.toLocaleString("en")}–{lastRow.toLocaleString("en")} of {page.total.toLocaleString("en")}
          </span>
          <span className="flex items-center gap-2">
            <Button disabled={page.page <= 1 || loading} onClick={() => navigate({ page: page.page - 1 })}>
              Previous
            </Button>
            <span>
              Page {page.page} of {page.pageCount.toLocaleString("en")}
            </span>
            <Button disabled={page.page >= page.pageCount || loading} onClick={() => navigate({ page: page.page + 1 })}>
              Next
            </Button>
          </span>
        </nav>
      ) : null}

      <RevokeTokenDialog token={revoking} onClose={() => setRevoking(null)} />
      {rotating ? <RotateTokenDialog target={{ ...rotating, kind: "API_TOKEN" }} maxLifetimeDays={maxLifetimeDays} onClose={() => setRotating(null)} /> : null}
      <Dialog
        open={confirmBulk}
        onClose={() => setConfirmBulk(false)}
        title={selectedRows.length === 1 ? "Revoke 1 token?" : `Revoke ${selectedRows.length} tokens?`}
        description={
          <>
            Every script or tool that uses {selectedRows.length === 1 ? "it" : "them"} will be refused from now on. This cannot be undone.
            <ul className="mt-2 list-disc pl-5">
              {selectedRows.slice(0, 10).map((row) => (
                <li key={row.id}>{row.name}</li>
              ))}
              {selectedRows.length > 10 ? <li>and {selectedRows.length - 10} more</li> : null}
            </ul>
          </>
        }
      >
        <DialogActions onCancel={() => setConfirmBulk(false)} onConfirm={revokeSelected} variant="danger" label="Revoke" pendingLabel="Revoking…" pending={bulkPending} />
      </Dialog>
    </div>
  );
}
