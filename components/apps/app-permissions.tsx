"use client";
// An app's API permissions: add and remove them, and grant or revoke the tenant's admin consent.
import { useRef, useState } from "react";
import { createColumnHelper, useTable } from "@tanstack/react-table";
import { AddPermissionsDialog } from "@/components/apps/add-permissions-dialog";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { DataTable, dataTableFeatures } from "@/components/ui/data-table";
import { grantConsentAction, removePermissionAction, revokeConsentAction } from "@/lib/actions/apps";
import type { AppDetails } from "@/lib/oauth/apps";
import { SCOPE_DESCRIPTIONS, SCOPES, type Scope } from "@/lib/permissions";

type Permission = AppDetails["permissions"][number];
type PermissionTableMeta = { tenantName: string; pending: boolean; onRemove: (scope: Scope) => void };

const features = dataTableFeatures<PermissionTableMeta>();
const helper = createColumnHelper<typeof features, Permission>();

// The columns are made once (see DataTable).
const COLUMNS = helper.columns([
  helper.display({ id: "scope", header: "Permission", meta: { card: "title", className: "font-mono text-xs whitespace-nowrap" }, cell: ({ row }) => row.original.scope }),
  helper.display({ id: "type", header: "Type", cell: () => "Application" }),
  helper.display({ id: "allows", header: "What it allows", meta: { className: "sm:min-w-48 text-slate-600" }, cell: ({ row }) => SCOPE_DESCRIPTIONS[row.original.scope] }),
  helper.display({
    id: "status",
    header: "Status",
    meta: { className: "whitespace-nowrap" },
    cell: ({ row: { original: permission }, table }) =>
      permission.granted ? (
        <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800">Granted for {table.options.meta!.tenantName}</span>
      ) : (
        <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900">Not granted</span>
      ),
  }),
  helper.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    meta: { card: "actions", className: "text-right" },
    cell: ({ row: { original: permission }, table }) => (
      <Button variant="ghost" aria-label={`Remove ${permission.scope}`} disabled={table.options.meta!.pending} onClick={() => table.options.meta!.onRemove(permission.scope)}>
        Remove
      </Button>
    ),
  }),
]);

export function AppPermissions({ app, tenant, serverNow }: { app: AppDetails; tenant: { name: string }; serverNow: string }) {
  const { pending, run, confirmed } = useAction();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Scope | null>(null);
  const [revoking, setRevoking] = useState(false);
  // The removed row's button and the revoke button go away: focus lands on the section's heading.
  const headingRef = useRef<HTMLHeadingElement>(null);
  const table = useTable({ features, columns: COLUMNS, data: app.permissions, getRowId: (permission) => permission.scope, meta: { tenantName: tenant.name, pending, onRemove: setRemoving } });
  const missing = SCOPES.filter((scope) => !app.permissions.some((permission) => permission.scope === scope));

  return (
    <section aria-labelledby="permissions" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="permissions" ref={headingRef} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
          API permissions
        </h2>
        <div className="flex flex-wrap gap-2">
          <Button disabled={missing.length === 0} onClick={() => setAdding(true)}>
            Add a permission
          </Button>
          <Button variant="primary" disabled={pending || app.permissions.length === 0} onClick={() => run(() => grantConsentAction({ appId: app.id }), `Admin consent granted for ${tenant.name}.`)}>
            Grant admin consent for {tenant.name}
          </Button>
        </div>
      </div>
      <p className="mt-2 text-sm text-slate-600">
        A permission takes effect only once an admin grants consent, and consent must be granted again after each added permission.
        Removing a permission, revoking consent, disabling or deleting the app applies at once, also to access tokens already issued.
      </p>
      {app.consentNeeded ? (
        <p role="status" className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Some permissions are not granted yet: press “Grant admin consent for {tenant.name}”.
        </p>
      ) : null}
      <ScrollRegion label="API permissions table" className="mt-4">
        <DataTable table={table} label="API permissions" compact />
      </ScrollRegion>
      {app.permissions.length === 0 ? <p className="py-6 text-center text-sm text-slate-600">No permissions yet: add the ones the application needs.</p> : null}
      {app.consentedAt ? (
        <div className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
          <span>
            Consent last granted <RelativeTime value={app.consentedAt} serverNow={serverNow} />.
          </span>
          <Button variant="ghost" className="!text-red-700" disabled={pending} onClick={() => setRevoking(true)}>
            Revoke admin consent
          </Button>
        </div>
      ) : null}
      {app.otherTenantConsents.length ? (
        <div className="mt-4 text-sm">
          <h3 className="font-medium">Consented in other tenants</h3>
          <ul className="mt-1 list-disc pl-5 text-slate-600">
            {app.otherTenantConsents.map((consent) => (
              <li key={consent.tenant}>
                {consent.tenant}: {consent.scopes.join(", ") || "no permissions"}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing ?? ""}?`}
        description={
          <>
            <strong>{app.name}</strong> loses {removing} at once, also in access tokens already issued. To give it back, add the
            permission and grant admin consent again.
          </>
        }
        confirmLabel="Remove"
        pendingLabel="Removing…"
        onClose={() => setRemoving(null)}
        returnFocusAfterConfirm={headingRef}
        onConfirm={() => confirmed(() => removePermissionAction({ appId: app.id, scope: removing! }), `${removing} removed.`)}
      />
      <ConfirmDialog
        open={revoking}
        title={`Revoke admin consent for ${app.name}?`}
        description={
          <>
            <strong>{app.name}</strong> can no longer get tokens for {tenant.name}, and the tokens it holds are refused at once.
            Its permissions stay listed as not granted until an admin grants consent again.
          </>
        }
        confirmLabel="Revoke consent"
        pendingLabel="Revoking…"
        onClose={() => setRevoking(false)}
        returnFocusAfterConfirm={headingRef}
        onConfirm={() => confirmed(() => revokeConsentAction({ appId: app.id }), "Admin consent revoked.")}
      />
      {adding ? (
        <AddPermissionsDialog
          appId={app.id}
          available={missing}
          onClose={() => setAdding(false)}
          onAdded={() => setAdding(false)}
        />
      ) : null}
    </section>
  );
}
