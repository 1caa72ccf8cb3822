// An app's overview: its ids, who may use it, and where it gets tokens.
import { CopyButton } from "@/components/ui/copy-button";
import type { AppDetails } from "@/lib/oauth/apps";

export type AppEndpoints = { tokenV2: string; tokenV1: string; metadata: string; consent: string; resource: string };

export function AppOverview({ app, tenant, endpoints }: { app: AppDetails; tenant: { id: string; name: string }; endpoints: AppEndpoints }) {
  return (
    <section aria-labelledby="overview" className="rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="overview" className="text-lg font-semibold">Overview</h2>
      <dl className="mt-4 grid grid-cols-[max-content_1fr] items-center gap-x-6 gap-y-3 text-sm">
        <IdRow label="Application (client) ID" value={app.id} />
        <IdRow label="Directory (tenant) ID" value={tenant.id} />
        <dt className="font-medium">Supported accounts</dt>
        <dd>{app.multiTenant ? "Any Keyport tenant (multitenant)" : `${tenant.name} only (single tenant)`}</dd>
        <dt className="font-medium">Token endpoint (v2)</dt>
        <dd className="font-mono text-xs break-all">{endpoints.tokenV2}</dd>
        <dt className="font-medium">Token endpoint (v1)</dt>
        <dd className="font-mono text-xs break-all">{endpoints.tokenV1}</dd>
        <dt className="font-medium">OpenID metadata</dt>
        <dd className="font-mono text-xs break-all">{endpoints.metadata}</dd>
        <dt className="font-medium">Scope / resource</dt>
        <dd className="font-mono text-xs">{endpoints.resource}/.default</dd>
        {app.multiTenant ? (
          <>
            <dt className="font-medium">Admin consent link for other tenants</dt>
            <dd className="font-mono text-xs break-all">{endpoints.consent}</dd>
          </>
        ) : null}
      </dl>
      <pre className="mt-4 overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">{`curl -X POST ${endpoints.tokenV2} \\
  -d grant_type=client_credentials -d client_id=${app.id} \\
  --data-urlencode client_secret=<secret value> -d scope=${endpoints.resource}/.default`}</pre>
    </section>
  );
}

function IdRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt className="font-medium">{label}</dt>
      <dd className="flex items-center gap-2">
        <code className="font-mono text-xs">{value}</code>
        <CopyButton value={value} label={`Copy ${label}`} what={label} />
      </dd>
    </>
  );
}
