"use client";
// A credential shown once: the warning, the value in a read-only box that selects itself, and Copy.
import { CopyButton } from "@/components/ui/copy-button";

export function SecretValue({ id, label, value, what, warning }: { id: string; label: string; value: string; what: string; warning: string }) {
  return (
    <>
      <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" role="note">
        {warning}
      </p>
      <div>
        <label htmlFor={id} className="block text-sm font-medium">
          {label}
        </label>
        <div className="mt-1 flex gap-2">
          <input id={id} readOnly value={value} onFocus={(event) => event.currentTarget.select()} className="w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-1.5 font-mono text-xs" />
          <CopyButton value={value} what={what} />
        </div>
      </div>
    </>
  );
}
