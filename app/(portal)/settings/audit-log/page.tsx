import type { Metadata } from "next";
import { PageHeading } from "@/components/portal/page-heading";
import { AuditLog } from "@/components/audit/audit-log";
import { requirePermission } from "@/lib/auth/session";
import { ACTIVITY_GROUPS } from "@/lib/audit/activity-names";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { filterOf, readAuditLogPageQuery } from "@/lib/audit/schemas";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("auditLog.read");
  const { query, problems } = readAuditLogPageQuery(await searchParams);
  const page = await listAuditEvents(user.tenant.id, query);
  const filter = filterOf(query);
  return (
    <section>
      <PageHeading section="Access" title="Audit log">
        Who did what in {user.tenant.name}: tokens, users, app registrations, webhooks and changes made through the API.
      </PageHeading>
      {/* Keyed by the filters: going back in the browser's history shows the filters of that page. */}
      <AuditLog key={JSON.stringify(filter)} page={page} filter={filter} activityGroups={ACTIVITY_GROUPS} problems={problems} serverNow={new Date().toISOString()} />
    </section>
  );
}
