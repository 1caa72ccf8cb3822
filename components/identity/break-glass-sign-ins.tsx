// The Global administrators' password sign-ins while single sign-on is required: the break-glass way
// in, listed for the other admins to see (each is also in the audit log).
import { RelativeTime } from "@/components/ui/relative-time";

export function BreakGlassSignIns({ rows, serverNow }: { rows: { id: string; email: string; at: string; clientIp: string | null }[]; serverNow: string }) {
  return (
    <section aria-labelledby="break-glass-heading" className="mt-8 max-w-2xl">
      <h2 id="break-glass-heading" className="text-lg font-semibold">
        Break-glass sign-ins
      </h2>
      <p className="mt-1 text-sm text-slate-600">Password sign-ins of Global administrators while single sign-on was required, newest first.</p>
      {rows.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">None so far.</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {rows.map((row) => (
            <li key={row.id} className="flex flex-wrap items-baseline justify-between gap-2 px-4 py-2 text-sm">
              <span className="break-all font-medium">{row.email}</span>
              <span className="text-slate-600">
                <RelativeTime value={row.at} serverNow={serverNow} />
                {row.clientIp ? ` from ${row.clientIp}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
