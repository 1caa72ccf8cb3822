"use client";
// An audit entry's details as words (lib/audit/readable-details.ts): times in the reader's time zone,
// scopes as chips; and the stored entry itself (JSON, ISO times, ids) only behind "Show raw".
import { LocalDateTime } from "@/components/tokens/token-times";
import type { ReadableValue } from "@/lib/audit/readable-details";

export function ScopeChips({ scopes }: { scopes: readonly string[] }) {
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label="Scopes">
      {scopes.map((scope) => (
        <li key={scope} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">
          {scope}
        </li>
      ))}
    </ul>
  );
}

export function ReadableValueView({ value }: { value: ReadableValue }) {
  if (value.kind === "time") return <LocalDateTime value={value.iso} />;
  if (value.kind === "scopes") return <ScopeChips scopes={value.scopes} />;
  return <span className="[overflow-wrap:anywhere]">{value.text}</span>;
}

/** The stored entry, for whoever needs the ids and exact values: closed until asked for. */
export function ShowRaw({ raw, label = "Show raw" }: { raw: Record<string, unknown>; label?: string }) {
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-slate-600">{label}</summary>
      <pre className="mt-1 rounded bg-slate-50 p-2 font-mono whitespace-pre-wrap text-slate-700 [overflow-wrap:anywhere]">{JSON.stringify(raw, null, 2)}</pre>
    </details>
  );
}
