"use client";
// The audit log: filters (actor, activity, target, date range) kept in the URL, the export of what
// they select, a page of entries in words people read, a details pane per entry, and Newer / Older
// pages that start from the entries shown (the database never counts its way to a page).
import { useState, useTransition } from "react";
import Link from "next/link";
import { createColumnHelper, useTable } from "@tanstack/react-table";
import { usePathname, useRouter } from "next/navigation";
import { Button, buttonClasses } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { DataTable, dataTableFeatures } from "@/components/ui/data-table";
import { useHydrated } from "@/components/ui/use-hydrated";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { AuditEventDetails } from "@/components/audit/audit-event-details";
import type { AuditPage, AuditRow } from "@/lib/audit/list-audit-events";
import type { AuditLogFilter } from "@/lib/audit/schemas";

type AuditTableMeta = { serverNow: string; onDetails: (row: AuditRow) => void };

const features = dataTableFeatures<AuditTableMeta>();
const helper = createColumnHelper<typeof features, AuditRow>();

// The columns are made once (see DataTable). On a phone the activity is a card's title.
const COLUMNS = helper.columns([
  helper.display({
    id: "time",
    header: "Time",
    meta: { className: "whitespace-nowrap" },
    cell: ({ row: { original: row }, table }) => <RelativeTime value={row.at} serverNow={table.options.meta!.serverNow} />,
  }),
  helper.display({
    id: "actor",
    header: "Actor",
    meta: { className: "break-words" },
    cell: ({ row: { original: row } }) => row.actor,
  }),
  helper.display({
    id: "activity",
    header: "Activity",
    meta: { card: "title" },
    cell: ({ row: { original: row } }) => (
      <>
        <div className="font-medium">
          {row.activity}
          {row.occurrences > 1 ? <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">×{row.occurrences.toLocaleString("en")}</span> : null}
        </div>
        {row.summary ? <div className="text-xs text-slate-600">{row.summary}</div> : null}
      </>
    ),
  }),
  helper.display({
    id: "target",
    header: "Target",
    cell: ({ row: { original: row } }) => (
      <>
        {row.targetName ? <div className="break-words">{row.targetName}</div> : <div className="font-mono text-xs [overflow-wrap:anywhere]">{row.targetId}</div>}
        <div className="text-xs text-slate-500">{row.targetTypeName}</div>
      </>
    ),
  }),
  helper.display({
    id: "details",
    header: () => <span className="sr-only">Actions</span>,
    meta: { card: "actions", className: "text-right" },
    cell: ({ row: { original: row }, table }) => (
      <Button variant="ghost" aria-label={`Details of ${row.activity}: ${row.targetName ?? row.targetId}`} onClick={() => table.options.meta!.onDetails(row)}>
        Details
      </Button>
    ),
  }),
]);

export type ActivityGroup = { group: string; activities: Readonly<Record<string, string>> };

const selectClasses = "mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm";
const inputClasses = "mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm";
const FILTER_KEYS = ["actor", "action", "target", "from", "to"] as const;

function search(filter: AuditLogFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filter[key]?.trim();
    if (value) params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function AuditLog({
  page,
  filter,
  activityGroups,
  problems,
  serverNow,
}: {
  page: AuditPage;
  filter: AuditLogFilter;
  activityGroups: readonly ActivityGroup[];
  problems: Record<string, string>;
  serverNow: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const hydrated = useHydrated();
  const [loading, startTransition] = useTransition();
  const [draft, setDraft] = useState<AuditLogFilter>(filter);
  const [open, setOpen] = useState<AuditRow | null>(null);
  const table = useTable({ features, columns: COLUMNS, data: page.rows, getRowId: (row) => row.id, meta: { serverNow, onDetails: setOpen } });
  const filtered = FILTER_KEYS.some((key) => filter[key]);
  // An activity in the URL that the list does not know (written by a newer version) stays choosable.
  const knownAction = !filter.action || activityGroups.some((group) => filter.action! in group.activities);

  function apply(next: AuditLogFilter) {
    setDraft(next);
    startTransition(() => router.push(`${pathname}${search(next)}`, { scroll: false }));
  }

  const field = (key: keyof AuditLogFilter) => ({
    value: draft[key] ?? "",
    "aria-invalid": problems[key] ? true : undefined,
    "aria-describedby": problems[key] ? `audit-${key}-error` : undefined,
  });
  const change = (key: keyof AuditLogFilter) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setDraft({ ...draft, [key]: event.target.value });

  return (
    <div className="mt-6">
      <form
        role="search"
        aria-label="Filter the audit log"
        onSubmit={(event) => {
          event.preventDefault();
          apply(draft);
        }}
        className="grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5"
      >
        <div>
          <label htmlFor="audit-actor" className="block text-sm font-medium">
            Actor
          </label>
          <input id="audit-actor" type="search" maxLength={254} className={inputClasses} {...field("actor")} onChange={change("actor")} aria-describedby={problems.actor ? "audit-actor-error" : "audit-actor-hint"} />
          <p id="audit-actor-hint" className="mt-1 text-xs text-slate-500">
            A user&apos;s email, or <span className="font-mono">system</span> for applications and Keyport
          </p>
        </div>
        <div>
          <label htmlFor="audit-action" className="block text-sm font-medium">
            Activity
          </label>
          <select id="audit-action" className={selectClasses} {...field("action")} onChange={change("action")}>
            <option value="">Any activity</option>
            {knownAction ? null : <option value={filter.action}>{filter.action}</option>}
            {activityGroups.map((group) => (
              <optgroup key={group.group} label={group.group}>
                {Object.entries(group.activities).map(([code, name]) => (
                  <option key={code} value={code}>
                    {name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-target" className="block text-sm font-medium">
            Target
          </label>
          <input id="audit-target" type="search" maxLength={200} className={inputClasses} {...field("target")} onChange={change("target")} aria-describedby={problems.target ? "audit-target-error" : "audit-target-hint"} />
          <p id="audit-target-hint" className="mt-1 text-xs text-slate-500">
            A token&apos;s or app&apos;s exact name, an email, or an id
          </p>
        </div>
        <div>
          <label htmlFor="audit-from" className="block text-sm font-medium">
            From
          </label>
          <input id="audit-from" type="date" className={inputClasses} {...field("from")} onChange={change("from")} />
        </div>
        <div>
          <label htmlFor="audit-to" className="block text-sm font-medium">
            To
          </label>
          <input id="audit-to" type="date" className={inputClasses} {...field("to")} onChange={change("to")} />
        </div>
        {Object.keys(problems).length ? (
          <div className="sm:col-span-2 lg:col-span-5" role="alert">
            {Object.entries(problems).map(([key, message]) => (
              <p key={key} id={`audit-${key}-error`} className="text-sm text-red-700">
                Ignored the {key === "before" || key === "after" ? "page position" : key} in the address: {message}
              </p>
            ))}
          </div>
        ) : null}
        <div className="flex flex-wrap items-center gap-2 sm:col-span-2 lg:col-span-5">
          <Button type="submit" variant="primary" disabled={!hydrated || loading}>
            Apply filters
          </Button>
          {filtered ? (
            <Button
              disabled={!hydrated || loading}
              onClick={() => {
                apply({});
              }}
            >
              Clear filters
            </Button>
          ) : null}
          <span className="text-xs text-slate-500">Dates are whole days in UTC.</span>
          <span className="ml-auto flex flex-wrap gap-2">
            <a className={buttonClasses("secondary")} href={`/api/audit-log/export${search(filter, { format: "csv" })}`} download>
              Export CSV
            </a>
            <a className={buttonClasses("secondary")} href={`/api/audit-log/export${search(filter, { format: "jsonl" })}`} download>
              Export JSON Lines
            </a>
          </span>
        </div>
      </form>

      <p className="mt-4 text-sm text-slate-600" aria-live="polite">
        {loading ? "Loading…" : page.rows.length === 0 ? "" : `${page.rows.length} ${page.rows.length === 1 ? "entry" : "entries"} on this page${filtered ? ", filtered" : ""}, newest first.`}
      </p>

      <ScrollRegion label="Audit log entries" className="mt-2 rounded-lg border border-slate-200 bg-white">
        <DataTable table={table} label="Audit log" busy={loading} />
        {page.rows.length === 0 ? (
          <div className="px-6 py-12 text-center">
            {filtered ? (
              <>
                <p className="font-medium">No entries match these filters.</p>
                <Button className="mt-3" onClick={() => apply({})}>
                  Clear filters
                </Button>
              </>
            ) : (
              <p className="font-medium">Nothing has happened in this tenant yet.</p>
            )}
          </div>
        ) : null}
      </ScrollRegion>

      {page.newer || page.older ? (
        <nav aria-label="Pages" className="mt-3 flex items-center justify-between gap-2 text-sm">
          {page.newer ? (
            <Link className={buttonClasses("secondary")} href={`${pathname}${search(filter, { after: page.newer })}`} scroll={false}>
              ← Newer entries
            </Link>
          ) : (
            <span />
          )}
          {page.older ? (
            <Link className={buttonClasses("secondary")} href={`${pathname}${search(filter, { before: page.older })}`} scroll={false}>
              Older entries →
            </Link>
          ) : null}
        </nav>
      ) : null}

      <AuditEventDetails
        row={open}
        serverNow={serverNow}
        onClose={() => setOpen(null)}
        onShowTarget={(targetId) => {
          setOpen(null);
          apply({ ...filter, target: targetId });
        }}
      />
    </div>
  );
}
