"use client";
// Below the API tokens table, when the tokens fill more than one page: where this page is, and the way
// to the previous and next ones.
import { Button } from "@/components/ui/button";
import type { ApiTokenPage } from "@/lib/tokens/list-api-tokens";

export function TokenPager({ page, loading, onPage }: { page: ApiTokenPage; loading: boolean; onPage: (page: number) => void }) {
  if (page.pageCount <= 1) return null;
  const firstRow = page.total === 0 ? 0 : (page.page - 1) * page.pageSize + 1;
  const lastRow = Math.min(page.page * page.pageSize, page.total);
  return (
    <nav aria-label="Pages" className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
      <span>
        Showing {firstRow.toLocaleString("en")}–{lastRow.toLocaleString("en")} of {page.total.toLocaleString("en")}
      </span>
      <span className="flex items-center gap-2">
        <Button disabled={page.page <= 1 || loading} onClick={() => onPage(page.page - 1)}>
          Previous
        </Button>
        <span>
          Page {page.page} of {page.pageCount.toLocaleString("en")}
        </span>
        <Button disabled={page.page >= page.pageCount || loading} onClick={() => onPage(page.page + 1)}>
          Next
        </Button>
      </span>
    </nav>
  );
}
