import type { Metadata } from "next";
import { PageHeading } from "@/components/portal/page-heading";
import { RelativeTime } from "@/components/ui/relative-time";
import { requirePermission } from "@/lib/auth/session";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { TableHead } from "@/components/ui/table-head";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage() {
  const user = await requirePermission("portal.users.manage");
  const events = await listAuditEvents(user.tenant.id);
  const now = new Date().toISOString();
  return (
    <section>
      <PageHeading section="Access" title="Audit log">
        Who did what in {user.tenant.name}: tokens, users, integrations and API changes. The newest 200 events.
      </PageHeading>
      <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" aria-label="Audit log">
          <TableHead columns={["When", "Who", "What", "Target", "Details"]} />
          <tbody>
            {events.map((event) => (
              <tr key={event.id} className="border-b border-slate-100 align-top last:border-0">
                <td className="px-4 py-2 whitespace-nowrap"><RelativeTime value={event.at} serverNow={now} /></td>
                <td className="px-4 py-2">{event.actor}</td>
                <td className="px-4 py-2 font-mono text-xs">{event.action}</td>
                <td className="px-4 py-2 font-mono text-xs text-slate-600">{event.target}</td>
                <td className="max-w-md px-4 py-2 font-mono text-xs break-all text-slate-600">{event.details}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {events.length === 0 ? <p className="px-6 py-12 text-center text-slate-600">Nothing has happened in this tenant yet.</p> : null}
      </div>
    </section>
  );
}
