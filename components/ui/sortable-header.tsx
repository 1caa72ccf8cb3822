// The column header of a table sorted on the server, its order kept in the URL. It says its order to
// screen readers (aria-sort) and to sight (an arrow); pressing it turns the order around, or sorts by
// this column in its natural first direction. A server-rendered page gives a link (it works before
// any script runs); a client table gives a callback that replaces the URL in a transition.
import Link from "next/link";

export type SortDirection = "asc" | "desc";
type Sort = { sort: string; dir: SortDirection };

export function SortableHeader({
  label,
  field,
  current,
  firstDir = "asc",
  className = "px-4 py-2 font-medium whitespace-nowrap",
  ...to
}: {
  label: React.ReactNode;
  field: string;
  current: Sort;
  /** The direction of the first press: descending for dates, counts and severities. */
  firstDir?: SortDirection;
  className?: string;
} & ({ href: (next: Sort) => string } | { onSort: (next: Sort) => void })) {
  const sorted = current.sort === field ? current.dir : null;
  const next: Sort = { sort: field, dir: sorted === "asc" ? "desc" : sorted === "desc" ? "asc" : firstDir };
  const content = (
    <>
      {label}
      <span aria-hidden="true" className="text-xs text-slate-500">
        {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
      </span>
    </>
  );
  const controlClass = "inline-flex items-center gap-1 rounded-sm hover:text-slate-900";
  return (
    <th scope="col" className={className} aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}>
      {"href" in to ? (
        <Link href={to.href(next)} className={controlClass}>
          {content}
        </Link>
      ) : (
        <button type="button" className={controlClass} onClick={() => to.onSort(next)}>
          {content}
        </button>
      )}
    </th>
  );
}
