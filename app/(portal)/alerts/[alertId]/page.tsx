import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CloseAlert } from "@/components/alerts/close-alert";
import { SeverityBadge } from "@/components/alerts/severity-badge";
import { Breadcrumbs } from "@/components/portal/breadcrumbs";
import { RelativeTime } from "@/components/ui/relative-time";
import { requirePermission, userMay } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { normalizeIp } from "@/lib/http/client-ip";
import { getAlert, RESOLUTION_LABELS } from "@/lib/resources/alerts";
import { alertIdSchema } from "@/lib/resources/schemas/alerts";

export const metadata: Metadata = { title: "Alert" };

const ENTITY_TYPES: Record<string, string> = { user: "User", account: "Account", ip: "IP address" };

/** One alert: what happened, to whom, its state, and — for roles that may — closing it. */
export default async function AlertPage({ params }: { params: Promise<{ alertId: string }> }) {
  const user = await requirePermission("alerts.list");
  const { alertId } = await params;
  if (!alertIdSchema.safeParse(alertId).success) notFound();
  const alert = await getAlert(user.tenant.id, alertId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const now = new Date().toISOString();
  const status = RESOLUTION_LABELS[alert.resolutionStatusValue] ?? "Closed";

  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-4xl px-3 py-4 focus:outline-none sm:px-6 sm:py-6">
      <Breadcrumbs items={[{ label: "Alerts", href: "/alerts" }]} />
      <div className="mt-1 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold break-words">{alert.title}</h1>
          <p className="mt-2 flex flex-wrap items-center gap-2 text-sm">
            <SeverityBadge value={alert.severityValue} />
            <span className="rounded-full border border-slate-200 px-2 py-0.5 text-xs font-medium">{status}</span>
            {alert.isRead ? null : <span className="rounded bg-brand-50 px-1.5 text-xs text-brand-700">Unread</span>}
          </p>
        </div>
        {userMay(user, "alerts.close") ? (
          // Kept in the tree once the alert is closed: it holds (and keeps the focus on) the message that says so.
          <CloseAlert alertId={alert._id} title={alert.title} isOpen={alert.isOpen} />
        ) : alert.isOpen ? (
          <p className="max-w-xs text-sm text-slate-600">Closing alerts needs the Security operator or Global administrator role.</p>
        ) : null}
      </div>

      <section aria-labelledby="alert-details" className="mt-6 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
        <h2 id="alert-details" className="text-lg font-semibold">
          Details
        </h2>
        <p className="mt-2 text-sm break-words">{alert.description}</p>
        <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr] sm:gap-y-3">
          <dt className="font-medium">Detected</dt>
          <dd className="mb-2 sm:mb-0">
            <RelativeTime value={new Date(alert.timestamp).toISOString()} serverNow={now} />
          </dd>
          <dt className="font-medium">Policy</dt>
          <dd className="mb-2 sm:mb-0">{alert.policy.label}</dd>
          <dt className="font-medium">Alert ID</dt>
          <dd className="mb-2 font-mono text-xs break-all sm:mb-0">{alert._id}</dd>
          {alert.resolveTime ? (
            <>
              <dt className="font-medium">Closed</dt>
              <dd className="mb-2 sm:mb-0">
                {status}, <RelativeTime value={new Date(alert.resolveTime).toISOString()} serverNow={now} />
                {alert.handledByUser ? <> by {alert.handledByUser}</> : null}
              </dd>
            </>
          ) : null}
          {alert.comment ? (
            <>
              <dt className="font-medium">Comment</dt>
              <dd className="mb-2 break-words whitespace-pre-wrap sm:mb-0">{alert.comment}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="alert-entities" className="mt-6 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
        <h2 id="alert-entities" className="text-lg font-semibold">
          Entities
        </h2>
        {alert.entities.length ? (
          <ul className="mt-2 divide-y divide-slate-100 text-sm">
            {alert.entities.map((entity) => (
              <li key={entity.id} className="flex flex-wrap justify-between gap-2 py-2">
                <span className="break-all">{entity.type === "ip" ? normalizeIp(entity.label) : entity.label}</span>
                <span className="text-slate-600">{ENTITY_TYPES[entity.type] ?? entity.type}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-slate-600">No entities are linked to this alert.</p>
        )}
      </section>
    </main>
  );
}
