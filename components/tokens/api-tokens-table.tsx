"use client";
// The API tokens table. Sorting, the status filter, the name search and paging all run in the
// database: this component only keeps their state in the URL and renders the page it is given.
// Rows can be selected and revoked together; each row rotates and revokes on its own, and its name
// leads to the token's details. The columns, the toolbar, the pager and the dialogs have files of
// their own.
import { useCallback, useMemo, useRef, useState } from "react";
import { useTable } from "@tanstack/react-table";
import { Button } from "@/components/ui/button";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { DataTable } from "@/components/ui/data-table";
import { useUrlQuery, type QueryChanges } from "@/components/ui/use-url-query";
import { RevokeSelectedDialog } from "@/components/tokens/revoke-selected-dialog";
import { RevokeTokenDialog } from "@/components/tokens/revoke-token-dialog";
import { RotateTokenDialog } from "@/components/tokens/rotate-token-dialog";
import { TOKEN_COLUMNS, TokenTableContext, tokenTableFeatures } from "@/components/tokens/token-columns";
import { TokenPager } from "@/components/tokens/token-pager";
import { TokenTableToolbar } from "@/components/tokens/token-table-toolbar";
import type { ApiTokenPage, ApiTokenRow } from "@/lib/tokens/list-api-tokens";
import type { TokenTableQuery } from "@/lib/tokens/schemas";

// Any change but a page turn starts again from the first page.
const RESET_ON_CHANGE = ["page"] as const;

export function ApiTokensTable({
  page,
  query,
  serverNow,
  maxLifetimeDays,
  seesAll = false,
}: {
  page: ApiTokenPage;
  query: TokenTableQuery;
  serverNow: string;
  maxLifetimeDays: number | null;
  /** A full admin: every token of the tenant, with the owner filter. */
  seesAll?: boolean;
}) {
  const url = useUrlQuery({ resetOnChange: RESET_ON_CHANGE });
  const loading = url.loading;
  const [revoking, setRevoking] = useState<ApiTokenRow | null>(null);
  const [rotating, setRotating] = useState<ApiTokenRow | null>(null);
  const [search, setSearch] = useState(query.q);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirmBulk, setConfirmBulk] = useState(false);
  const regionRef = useRef<HTMLDivElement>(null);

  // Only rows of this page can be selected; a row that left the page (revoked, filtered) is dropped.
  const selectable = useMemo(() => page.rows.filter((row) => row.canRevoke), [page.rows]);
  const selectedRows = selectable.filter((row) => selected.has(row.id));
  const allSelected = selectable.length > 0 && selectedRows.length === selectable.length;

  const navigate = (changes: QueryChanges) => {
    setSelected(new Set());
    url.navigate(changes);
  };

  const toggle = useCallback((id: string, checked: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  const cells = useMemo(() => ({ serverNow, selected, toggle, onRotate: setRotating, onRevoke: setRevoking }), [serverNow, selected, toggle]);
  const table = useTable({ features: tokenTableFeatures, columns: TOKEN_COLUMNS, data: page.rows, getRowId: (row) => row.id });

  const filtered = query.status !== "All" || query.q !== "";

  return (
    <div className="mt-6">
      <TokenTableToolbar
        query={query}
        search={search}
        onSearchChange={setSearch}
        navigate={navigate}
        status={loading ? "Loading…" : page.total === 1 ? "1 token" : `${page.total.toLocaleString("en")} tokens`}
        showOwner={seesAll}
      />

      {selectable.length > 0 ? (
        <div className="mt-4 flex flex-wrap items-center gap-3 text-sm">
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={allSelected} onChange={(event) => setSelected(event.target.checked ? new Set(selectable.map((row) => row.id)) : new Set())} />
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

      <ScrollRegion ref={regionRef} label="API tokens table" className="mt-4 rounded-lg border border-slate-200 bg-white">
        <TokenTableContext value={cells}>
          <DataTable
            table={table}
            label="API tokens"
            busy={loading}
            sort={{ current: query, onSort: navigate }}
            rowClassName={(row) => (row.expiresSoon ? "bg-amber-50/60" : "")}
          />
        </TokenTableContext>
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

      <TokenPager page={page} loading={loading} onPage={(number) => navigate({ page: number })} />

      <RevokeTokenDialog token={revoking} onClose={() => setRevoking(null)} />
      {rotating ? <RotateTokenDialog target={{ ...rotating, kind: "API_TOKEN" }} maxLifetimeDays={maxLifetimeDays} onClose={() => setRotating(null)} /> : null}
      <RevokeSelectedDialog open={confirmBulk} tokens={selectedRows} onClose={() => setConfirmBulk(false)} onRevoked={() => setSelected(new Set())} afterRevoke={regionRef} />
    </div>
  );
}
