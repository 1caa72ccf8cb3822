"use client";
// An app's API permissions: add and remove them, and grant or revoke the tenant's admin consent.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { AddPermissionsDialog } from "@/components/apps/add-permissions-dialog";
import { useAppAction } from "@/components/apps/use-app-action";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { TableHead } from "@/components/ui/table-head";
import { grantConsentAction, removePermissionAction, revokeConsentAction } from "@/lib/actions/apps";
import type { AppDetails } from "@/lib/oauth/apps";
import { SCOPE_DESCRIPTIONS, SCOPES } from "@/lib/permissions";

export function AppPermissions({ app, tenant, serverNow }: { app: AppDetails; tenant: { name: string }; serverNow: string }) {
  const router = useRouter();
  const { pending, run } = useAppAction();
  const [adding, setAdding] = useState(false);
  const missing = SCOPES.filter((scope) => !app.permissions.some((permission) => permission.scope === scope));

  return (
    <section aria-labelledby="permissions" className="rounded-lg border border-slate-200 bg-white p-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="permissions" className="text-lg font-semibold">API permissions</h2>
        <div className="flex gap-2">
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
      <table className="mt-4 w-full text-left text-sm" aria-label="API permissions">
        <TableHead columns={["Permission", "Type", "What it allows", "Status"]} actions compact />
        <tbody>
          {app.permissions.map((permission) => (
            <tr key={permission.scope} className="border-b border-slate-100 last:border-0">
              <td className="py-2 font-mono text-xs">{permission.scope}</td>
              <td className="py-2">Application</td>
              <td className="py-2 text-slate-600">{SCOPE_DESCRIPTIONS[permission.scope]}</td>
              <td className="py-2">
                {permission.granted ? (
                  <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800">Granted for {tenant.name}</span>
                ) : (
                  <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900">Not granted</span>
                )}
              </td>
              <td className="py-2 text-right">
                <Button
                  variant="ghost"
                  aria-label={`Remove ${permission.scope}`}
                  disabled={pending}
                  onClick={() => run(() => removePermissionAction({ appId: app.id, scope: permission.scope }), `${permission.scope} removed.`)}
                >
                  Remove
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {app.permissions.length === 0 ? <p className="py-6 text-center text-sm text-slate-600">No permissions yet: add the ones the application needs.</p> : null}
      {app.consentedAt ? (
        <div className="mt-3 flex items-center justify-between text-sm text-slate-600">
          <span>
            Consent last granted <RelativeTime value={app.consentedAt} serverNow={serverNow} />.
          </span>
          <Button variant="ghost" disabled={pending} onClick={() => run(() => revokeConsentAction({ appId: app.id }), "Admin consent revoked.")}>
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
      {adding ? (
        <AddPermissionsDialog
          appId={app.id}
          available={missing}
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            router.refresh();
          }}
        />
      ) : null}
    </section>
  );
}
