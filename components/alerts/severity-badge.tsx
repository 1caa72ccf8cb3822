// An alert's severity in words and colour (the word carries the meaning; the colour helps scanning).
import { SEVERITY_LABELS } from "@/lib/resources/alerts";

const STYLES = [
  "border-slate-200 bg-slate-100 text-slate-700",
  "border-amber-200 bg-amber-50 text-amber-900",
  "border-red-200 bg-red-50 text-red-800",
] as const;

export function SeverityBadge({ value }: { value: number }) {
  return (
    <span className={`inline-block rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap ${STYLES[value] ?? STYLES[0]}`}>
      {SEVERITY_LABELS[value] ?? "Unknown"}
    </span>
  );
}
