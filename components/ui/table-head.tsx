// The header row of the portal's tables: column headers for screen readers (scope="col"), and an
// unlabelled-to-sight "Actions" column when rows carry buttons.
export function TableHead({ columns, actions = false, compact = false }: { columns: (string | false)[]; actions?: boolean; compact?: boolean }) {
  const cell = compact ? "py-2 pr-3" : "px-4 py-2";
  return (
    <thead className={`border-b border-slate-200 text-slate-700 ${compact ? "" : "bg-slate-50"}`}>
      <tr>
        {columns.filter((column): column is string => column !== false).map((column) => (
          <th key={column} scope="col" className={`${cell} font-medium`}>
            {column}
          </th>
        ))}
        {actions ? (
          <th scope="col" className={cell}>
            <span className="sr-only">Actions</span>
          </th>
        ) : null}
      </tr>
    </thead>
  );
}
