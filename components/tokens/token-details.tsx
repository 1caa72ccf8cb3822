// One API token's details: what it may do now and why, who issued it, its lifetime and last use, where
// it may be used from, its rotations and its audit trail (in words: names, local times, scopes as chips,
// the stored entry behind "Show raw"). Each effective scope is described in the words of the generate
// dialog. Rendered on the server; only the Rotate and Revoke buttons and "Show raw" are interactive.
import Link from "next/link";
import { StatusBadge } from "@/components/tokens/status-badge";
import { ExpiryTime, LocalDateTime } from "@/components/tokens/token-times";
import { TokenDetailsActions } from "@/components/tokens/token-details-actions";
import { SettingsBreadcrumbs } from "@/components/portal/page-heading";
import { TableHead } from "@/components/ui/table-head";
import { ScrollRegion } from "@/components/ui/scroll-region";
import type { ApiTokenDetails } from "@/lib/tokens/token-details";
import { GRACE_PERIODS, lifetimeLabel } from "@/lib/tokens/expiry";
import { ReadableValueView, ShowRaw } from "@/components/audit/readable-fields";
import { readableDetails } from "@/lib/audit/readable-details";
import { activityName } from "@/lib/audit/activity-names";
import { SCOPE_DESCRIPTIONS, isScope } from "@/lib/permissions";

const ACTIVITY: Record<string, string> = {
  "token.generated": "Generated",
  "token.rotated": "Rotated",
  "token.revoked": "Revoked",
  "token.regenerated": "Regenerated",
  "token.reportedLeaked": "Reported leaked",
};

function graceLabel(seconds: number | null): string {
  if (seconds === null) return "—";
  return GRACE_PERIODS.find((period) => period.seconds === seconds)?.label ?? `${seconds} seconds`;
}

function AuditDetails({ entry }: { entry: ApiTokenDetails["audit"][number] }) {
  // The token's own name is the page's title; the acting credential is the Who column.
  const fields = readableDetails(entry.details, entry.names, { omit: ["name", "actor"] });
  return (
    <div className="space-y-1">
      {fields.length > 0 ? (
        <dl className="space-y-1">
          {fields.map((field) => (
            <div key={field.key} className="flex flex-wrap items-baseline gap-x-1.5">
              <dt className="font-medium text-slate-700">{field.label}:</dt>
              <dd>
                <ReadableValueView value={field.value} />
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      <ShowRaw raw={{ id: entry.id, time: entry.at, action: entry.action, details: entry.details }} />
    </div>
  );
}

/** The scopes a token holds now, each with what it allows, in the words the generate dialog uses. */
function EffectiveScopes({ scopes }: { scopes: readonly string[] }) {
  if (scopes.length === 0) return <span className="text-slate-600">Nothing: its issuer&apos;s role holds none of the scopes chosen for it.</span>;
  return (
    <ul className="space-y-2">
      {scopes.map((scope) => (
        <li key={scope} className="text-sm">
          <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">{scope}</span>
          {isScope(scope) ? <p className="mt-0.5 text-slate-600">{SCOPE_DESCRIPTIONS[scope]}</p> : null}
        </li>
      ))}
    </ul>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-[12rem_1fr] sm:gap-4">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

function ScopeList({ scopes, empty }: { scopes: readonly string[]; empty: string }) {
  if (scopes.length === 0) return <span className="text-slate-600">{empty}</span>;
  return (
    <ul className="flex flex-wrap gap-1.5">
      {scopes.map((scope) => (
        <li key={scope} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">
          {scope}
        </li>
      ))}
    </ul>
  );
}

export function TokenDetails({ details, serverNow, maxLifetimeDays }: { details: ApiTokenDetails; serverNow: string; maxLifetimeDays: number | null }) {
  const { scopes, issuer } = details;
  return (
    <section aria-labelledby="token-title">
      <SettingsBreadcrumbs section="Security extensions › API tokens" />
      <div className="mt-1 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 id="token-title" className="text-2xl font-semibold break-all">
            {details.name}
          </h1>
          <p className="mt-1 flex items-center gap-2 text-sm text-slate-600">
            <span className="font-mono text-xs">{details.hint}</span>
            <StatusBadge status={details.status} />
          </p>
          {details.description ? (
            <p className="mt-2 max-w-2xl text-sm break-words whitespace-pre-line text-slate-700" data-testid="token-description">
              {details.description}
            </p>
          ) : null}
        </div>
        {details.canManage ? <TokenDetailsActions token={{ id: details.id, name: details.name, kind: "API_TOKEN", lifetimeSeconds: details.lifetimeSeconds }} maxLifetimeDays={maxLifetimeDays} /> : null}
      </div>

      <section aria-labelledby="token-scopes" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="token-scopes" className="font-semibold">
          What it may do now
        </h2>
        <div className="mt-2" data-testid="effective-scopes">
          <EffectiveScopes scopes={scopes.effective} />
        </div>
        <p className="mt-3 text-sm text-slate-600">
          A token holds, at each call, its issuer&apos;s role as it is then, intersected with the scopes chosen when it was made.
        </p>
        <dl className="mt-2 divide-y divide-slate-100">
          <Row label={`Role now: ${issuer.roleLabel}`}>
            <ScopeList scopes={scopes.role} empty="No scopes." />
          </Row>
          <Row label="Chosen when made">{scopes.chosen === null ? <span>All of the role (it follows the role)</span> : <ScopeList scopes={scopes.chosen} empty="None." />}</Row>
          {scopes.chosenButNotInRole.length > 0 ? (
            <Row label="Chosen, not held by the role now">
              <ScopeList scopes={scopes.chosenButNotInRole} empty="" />
              <p className="mt-1 text-xs text-slate-500">They apply again only if the role holds them again.</p>
            </Row>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="token-facts" className="mt-4 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="token-facts" className="font-semibold">
          Details
        </h2>
        <dl className="mt-2 divide-y divide-slate-100">
          <Row label="Issued by">
            {issuer.name} <span className="text-slate-500">({issuer.email})</span>, {issuer.roleLabel}
            {issuer.deprovisioned ? <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">Deprovisioned: every call is refused</span> : null}
          </Row>
          <Row label="Generated">
            <LocalDateTime value={details.createdAt} />
          </Row>
          <Row label="Expires">
            {details.expiresAt ? (
              <>
                <LocalDateTime value={details.expiresAt} /> (<ExpiryTime value={details.expiresAt} serverNow={serverNow} />)
                {details.expiresSoon ? <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">Expires this week</span> : null}
              </>
            ) : (
              "Never"
            )}
            <span className="block text-xs text-slate-500">Lifetime: {lifetimeLabel(details.lifetimeSeconds)}</span>
          </Row>
          <Row label="Last used">
            {details.lastUse ? (
              <>
                <LocalDateTime value={details.lastUse.at} />
                <span className="block text-xs text-slate-600">From {details.lastUse.ip ?? "an unknown address"}</span>
                {details.lastUse.userAgent ? <span className="block text-xs break-all text-slate-600">User agent: {details.lastUse.userAgent}</span> : null}
              </>
            ) : (
              "Never"
            )}
          </Row>
          <Row label="Allowed IP ranges">
            {details.allowedIps.length > 0 ? (
              <ul className="font-mono text-xs">
                {details.allowedIps.map((cidr) => (
                  <li key={cidr}>{cidr}</li>
                ))}
              </ul>
            ) : (
              "Any address"
            )}
          </Row>
          {details.rotation.previousValidUntil ? (
            <Row label="Previous value">
              Rotated; the previous value is valid until <LocalDateTime value={details.rotation.previousValidUntil} />
            </Row>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="token-rotations" className="mt-4">
        <h2 id="token-rotations" className="font-semibold">
          Rotation history
        </h2>
        {details.rotations.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">Never rotated.</p>
        ) : (
          <ScrollRegion label="Rotation history table" className="mt-2 rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm" aria-label="Rotation history">
              <TableHead columns={["Rotated", "By", "Grace period", "Previous value valid until", "New expiry"]} />
              <tbody>
                {details.rotations.map((rotation) => (
                  <tr key={rotation.at} className="border-b border-slate-100 last:border-0">
                    <td className="px-4 py-2">
                      <LocalDateTime value={rotation.at} />
                    </td>
                    <td className="px-4 py-2">{rotation.actor}</td>
                    <td className="px-4 py-2">{graceLabel(rotation.gracePeriodSeconds)}</td>
                    <td className="px-4 py-2">{rotation.previousValidUntil ? <LocalDateTime value={rotation.previousValidUntil} /> : "Refused at once"}</td>
                    <td className="px-4 py-2">{rotation.expiresAt ? <LocalDateTime value={rotation.expiresAt} /> : "Never"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>

      <section aria-labelledby="token-audit" className="mt-4">
        <h2 id="token-audit" className="font-semibold">
          Audit log
        </h2>
        <ScrollRegion label="Audit log of this token" className="mt-2 rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" aria-label="Audit entries">
            <TableHead columns={["When", "Who", "Activity", "Details"]} />
            <tbody>
              {details.audit.map((entry) => (
                <tr key={entry.id} className="border-b border-slate-100 align-top last:border-0">
                  <td className="px-4 py-2 whitespace-nowrap">
                    <LocalDateTime value={entry.at} />
                  </td>
                  <td className="px-4 py-2">{entry.actor}</td>
                  <td className="px-4 py-2">{ACTIVITY[entry.action] ?? activityName(entry.action)}</td>
                  <td className="min-w-56 px-4 py-2 text-xs break-words text-slate-600">
                    <AuditDetails entry={entry} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
    </section>
  );
}
