// An app's overview: its ids, who may use it, and where it gets tokens.
import { CopyButton } from "@/components/ui/copy-button";

/** The token request as a shell command: wrapped to the box (nothing hidden off its edge), with Copy. */
function ExampleRequest({ command }: { command: string }) {
  return (
    <div className="mt-4">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-sm font-medium">Example token request</h3>
        <CopyButton value={command} label="Copy example request" what="Example request" />
      </div>
      <pre className="mt-2 rounded-md bg-slate-900 p-3 font-mono text-xs break-all whitespace-pre-wrap text-slate-100">{command}</pre>
    </div>
  );
}
import type { AppDetails } from "@/lib/oauth/apps";

export type AppEndpoints = { tokenV2: string; tokenV1: string; metadata: string; consent: string; resource: string };

export function AppOverview({ app, tenant, endpoints }: { app: AppDetails; tenant: { id: string; name: string }; endpoints: AppEndpoints }) {
  return (
    <section aria-labelledby="overview" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <h2 id="overview" className="text-lg font-semibold">Overview</h2>
      {/* Labels above values on a phone, beside them from the small breakpoint up. */}
      <dl className="mt-4 grid grid-cols-1 items-baseline gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr] sm:gap-y-3">
        <IdRow label="Application (client) ID" value={app.id} />
        <IdRow label="Directory (tenant) ID" value={tenant.id} />
        <dt className="font-medium">Supported accounts</dt>
        <dd className="mb-2 sm:mb-0">{app.multiTenant ? "Any Keyport tenant (multitenant)" : `${tenant.name} only (single tenant)`}</dd>
        <dt className="font-medium">Token endpoint (v2)</dt>
        <dd className="mb-2 font-mono text-xs break-all sm:mb-0">{endpoints.tokenV2}</dd>
        <dt className="font-medium">Token endpoint (v1)</dt>
        <dd className="mb-2 font-mono text-xs break-all sm:mb-0">{endpoints.tokenV1}</dd>
        <dt className="font-medium">OpenID metadata</dt>
        <dd className="mb-2 font-mono text-xs break-all sm:mb-0">{endpoints.metadata}</dd>
        <dt className="font-medium">Scope / resource</dt>
        <dd className="mb-2 font-mono text-xs break-all sm:mb-0">{endpoints.resource}/.default</dd>
        {app.multiTenant ? (
          <>
            <dt className="font-medium">Admin consent link for other tenants</dt>
            <dd className="font-mono text-xs break-all">{endpoints.consent}</dd>
          </>
        ) : null}
      </dl>
      <ExampleRequest
        command={`curl -X POST ${endpoints.tokenV2} \\
  -d grant_type=client_credentials -d client_id=${app.id} \\
  --data-urlencode client_secret=<secret value> -d scope=${endpoints.resource}/.default`}
      />
    </section>
  );
}

function IdRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt className="font-medium">{label}</dt>
      <dd className="mb-2 flex flex-wrap items-baseline gap-2 sm:mb-0">
        <code className="font-mono text-xs break-all">{value}</code>
        <CopyButton value={value} label={`Copy ${label}`} what={label} />
      </dd>
    </>
  );
}
