"use client";
// The portal's tables, made from TanStack Table columns. From 640 px up a row is a table row; below,
// the same row is a card: its title cell on top, every other cell beside its column's name (drawn by
// CSS from the cell's data-label, so the cell's text stays its value at every width), and its
// buttons along the bottom, so a phone shows a row's name, state and actions together instead of a
// table wider than the screen. Only the styling changes: the markup (and what a screen reader hears,
// the table's roles are stated so that no display change can take them away) is the same at every
// width. On a phone the column headers that sort stay, as a row of sort buttons above the cards.
//
// A table says where each column goes on a card through its meta (DataColumnMeta); what changes from
// render to render (handlers, the server's clock, a pending action) reaches the cells through the
// table's meta option, so the columns are made once and a re-render keeps every row's focus.
import { metaHelper, tableFeatures, type Column, type RowData, type TableFeatures } from "@tanstack/react-table";
import type { ReactTable } from "@tanstack/react-table";
import { SortableHeader, type SortDirection } from "@/components/ui/sortable-header";

export type DataColumnMeta = {
  /**
   * Where the cell goes on a phone's card: "title" on top, full width, wherever its column is (the
   * row's name or what happened); "actions"
   * along the bottom; a "field" (the default) under the column's name.
   */
  card?: "title" | "field" | "actions";
  /** The column's name on a card, when its header is not plain text. */
  label?: string;
  /** The column sorts (in the database); the direction of a first press. */
  sortFirst?: SortDirection;
  /** Classes of this column's cells from 640 px up (e.g. "whitespace-nowrap", "text-right"). */
  className?: string;
};

/** The features of a data table: no client-side row models, its columns' meta, and `TMeta` for the cells. */
export function dataTableFeatures<TMeta extends object>() {
  return tableFeatures({ columnMeta: metaHelper<DataColumnMeta>(), tableMeta: metaHelper<TMeta>() });
}

type Sort = { sort: string; dir: SortDirection };

function metaOf<TFeatures extends TableFeatures, TData extends RowData>(column: Column<TFeatures, TData, unknown>): DataColumnMeta {
  return (column.columnDef.meta ?? {}) as DataColumnMeta;
}

function labelOf<TFeatures extends TableFeatures, TData extends RowData>(column: Column<TFeatures, TData, unknown>): string {
  const meta = metaOf(column);
  if (meta.label !== undefined) return meta.label;
  return typeof column.columnDef.header === "string" ? column.columnDef.header : "";
}

export function DataTable<TFeatures extends TableFeatures, TData extends RowData>({
  table,
  label,
  busy = false,
  sort,
  compact = false,
  rowClassName,
}: {
  table: ReactTable<TFeatures, TData>;
  /** The table's accessible name. */
  label: string;
  busy?: boolean;
  /** The current order and what a sort header does; without it no column sorts. */
  sort?: { current: Sort; onSort: (next: Sort) => void };
  /** Tighter cells, for a table inside a section's card. */
  compact?: boolean;
  rowClassName?: (row: TData) => string;
}) {
  const cellPad = compact ? "sm:py-2 sm:pr-3 sm:last:pr-0" : "sm:px-4 sm:py-2";
  const rowPad = compact ? "max-sm:py-3" : "max-sm:px-4 max-sm:py-3";
  // On a phone the header row holds only the sort buttons: without any, it goes.
  const sortsOnPhone = sort !== undefined && table.getAllLeafColumns().some((column) => metaOf(column).sortFirst);
  return (
    <table role="table" className="w-full text-left text-sm max-sm:block" aria-label={label} aria-busy={busy || undefined}>
      <thead role="rowgroup" className={`text-slate-700 ${sortsOnPhone ? "max-sm:block max-sm:border-b max-sm:border-slate-200" : "max-sm:hidden"} ${compact ? "sm:border-b sm:border-slate-200" : "border-b border-slate-200 bg-slate-50"}`}>
        {table.getHeaderGroups().map((group) => (
          <tr role="row" key={group.id} className={`max-sm:flex max-sm:flex-wrap max-sm:gap-x-3 max-sm:gap-y-1 max-sm:py-2 ${compact ? "" : "max-sm:px-4"}`}>
            {group.headers.map((header) => {
              const meta = metaOf(header.column);
              const content = <table.FlexRender header={header} />;
              if (meta.sortFirst && sort) {
                return (
                  <SortableHeader
                    key={header.id}
                    label={content}
                    field={header.column.id}
                    current={sort.current}
                    firstDir={meta.sortFirst}
                    onSort={sort.onSort}
                    className={`${cellPad} font-medium whitespace-nowrap max-sm:block`}
                  />
                );
              }
              return (
                <th role="columnheader" key={header.id} scope="col" className={`${cellPad} font-medium max-sm:hidden`}>
                  {content}
                </th>
              );
            })}
          </tr>
        ))}
      </thead>
      <tbody role="rowgroup" className={`max-sm:block ${busy ? "opacity-60" : ""}`}>
        {table.getRowModel().rows.map((row) => (
          <tr role="row" key={row.id} className={`border-b border-slate-100 align-top last:border-0 max-sm:flex max-sm:flex-col ${rowPad} ${rowClassName?.(row.original) ?? ""}`}>
            {row.getAllCells().map((cell) => {
              const meta = metaOf(cell.column);
              const place = meta.card ?? "field";
              const label = labelOf(cell.column);
              const content = <table.FlexRender cell={cell} />;
              const widths = `${cellPad} ${meta.className ?? ""}`;
              if (place === "field") {
                return (
                  <td
                    role="cell"
                    key={cell.id}
                    data-label={label || undefined}
                    className={`${widths} max-sm:grid max-sm:grid-cols-[6.5rem_minmax(0,1fr)] max-sm:gap-x-2 max-sm:py-1 max-sm:whitespace-normal max-sm:before:text-slate-600 max-sm:before:content-[attr(data-label)]`}
                  >
                    <div className="min-w-0 max-sm:[overflow-wrap:anywhere]">{content}</div>
                  </td>
                );
              }
              return (
                <td role="cell" key={cell.id} className={`${widths} max-sm:block max-sm:[overflow-wrap:anywhere] ${place === "title" ? "max-sm:-order-1 max-sm:pb-1" : "max-sm:pt-2 max-sm:text-left max-sm:whitespace-normal"}`}>
                  {content}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
