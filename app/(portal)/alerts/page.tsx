import type { Metadata } from "next";
import Link from "next/link";
import { SeverityBadge } from "@/components/alerts/severity-badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { SortableHeader } from "@/components/ui/sortable-header";
import { buttonClasses } from "@/components/ui/button";
import { requirePermission } from "@/lib/auth/session";
import { normalizeIp } from "@/lib/http/client-ip";
import { ALERTS_PAGE_SIZE, listAlertsForPage, RESOLUTION_LABELS } from "@/lib/resources/alerts";
import { alertsPageQuery, type AlertsPageQuery } from "@/lib/resources/schemas/alerts";

export const metadata: Metadata = { title: "Alerts" };

const SORTABLE: { label: string; sort: AlertsPageQuery["sort"] }[] = [
  { label: "Severity", sort: "severity" },
  { label: "Status", sort: "resolutionStatus" },
  { label: "When", sort: "date" },
];

/** The tenant's alerts, as the API serves them: the same list query, filters, sort and tenant scoping. */
export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("alerts.list");
  // The page's state lives in the URL; anything unreadable falls back to the default.
  const query = alertsPageQuery.parse(await searchParams);
  const page = await listAlertsForPage(user.tenant.id, query);
  const now = new Date().toISOString();
  const href = (change: Partial<AlertsPageQuery>) => `/alerts?${new URLSearchParams(Object.entries({ ...query, page: 1, ...change }).map(([key, value]) => [key, String(value)]))}`;
  const sortCell = (column: (typeof SORTABLE)[number]) => (
    <SortableHeader key={column.sort} label={column.label} field={column.sort} current={query} firstDir="desc" href={(next) => href(next as Partial<AlertsPageQuery>)} />
  );

  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-3 py-4 focus:outline-none sm:px-6 sm:py-6">
      <h1 className="text-2xl font-semibold">Alerts</h1>
      <p className="mt-1 text-sm text-slate-600">
        {page.total} alert{page.total === 1 ? "" : "s"} in {user.tenant.name}. Scripts read and close them with{" "}
        <code className="font-mono text-xs">/api/v1/alerts/</code>.
      </p>
      <form className="mt-4 flex flex-wrap items-end gap-3" action="/alerts">
        <FilterSelect id="alert-state" name="state" label="State" value={query.state} options={[["open", "Open"], ["closed", "Closed"], ["all", "All"]]} />
        <FilterSelect id="alert-severity" name="severity" label="Severity" value={query.severity} options={[["all", "All"], ["2", "High"], ["1", "Medium"], ["0", "Low"]]} />
        {/* The chosen order survives a new filter. */}
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <button type="submit" className={buttonClasses("secondary")}>
          Apply
        </button>
      </form>
      <ScrollRegion label="Alerts table" className="mt-4 rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" aria-label="Alerts">
          <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">
                Alert
              </th>
              {sortCell(SORTABLE[0])}
              {sortCell(SORTABLE[1])}
              <th scope="col" className="px-4 py-2 font-medium">
                Entities
              </th>
              {sortCell(SORTABLE[2])}
            </tr>
          </thead>
          <tbody>
            {page.data.map((alert) => (
              <tr key={alert._id} className="border-b border-slate-100 align-top last:border-0">
                <td className="min-w-64 px-4 py-2">
                  <Link href={`/alerts/${alert._id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    {alert.title}
                  </Link>
                  <div className="text-xs text-slate-600">{alert.description}</div>
                </td>
                <td className="px-4 py-2">
                  <SeverityBadge value={alert.severityValue} />
                </td>
                <td className="px-4 py-2 whitespace-nowrap">
                  {RESOLUTION_LABELS[alert.resolutionStatusValue] ?? "Closed"}
                  {alert.isRead ? null : <span className="ml-2 rounded bg-brand-50 px-1.5 text-xs text-brand-700">Unread</span>}
                </td>
                <td className="px-4 py-2 text-xs">{alert.entities.map((entity) => (entity.type === "ip" ? normalizeIp(entity.label) : entity.label)).join(", ")}</td>
                <td className="px-4 py-2 whitespace-nowrap">
                  <RelativeTime value={new Date(alert.timestamp).toISOString()} serverNow={now} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {page.data.length === 0 ? <p className="px-6 py-12 text-center text-slate-600">No alerts match these filters.</p> : null}
      </ScrollRegion>
      <nav aria-label="Pages" className="mt-3 flex items-center justify-between text-sm">
        <span>
          Page {query.page} of {Math.max(1, Math.ceil(page.total / ALERTS_PAGE_SIZE))}
        </span>
        <span className="flex gap-2">
          {query.page > 1 ? (
            <Link className={buttonClasses("secondary")} href={href({ page: query.page - 1 })}>
              Previous
            </Link>
          ) : null}
          {page.hasNext ? (
            <Link className={buttonClasses("secondary")} href={href({ page: query.page + 1 })}>
              Next
            </Link>
          ) : null}
        </span>
      </nav>
    </main>
  );
}

/** A select of the filter form (a plain GET form: it works before and without JavaScript). */
function FilterSelect({ id, name, label, value, options }: { id: string; name: string; label: string; value: string; options: [string, string][] }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value} className="mt-1 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </div>
  );
}
