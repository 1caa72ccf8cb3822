"use client";
// One app registration: overview, API permissions with admin consent, client secrets, disable, delete.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import {
  addPermissionsAction,
  createSecretAction,
  deleteAppAction,
  deleteSecretAction,
  grantConsentAction,
  removePermissionAction,
  revokeConsentAction,
  setAppDisabledAction,
} from "@/app/(portal)/settings/app-registrations/actions";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { SecretValue } from "@/components/ui/secret-value";
import { Field, inputClasses, TextField } from "@/components/ui/text-field";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { useToast } from "@/components/ui/toast";
import { SCOPE_DESCRIPTIONS, SCOPES, type Scope } from "@/lib/permissions";
import { SECRET_LIFETIMES } from "@/lib/validation/apps";
import type { AppDetails } from "@/lib/oauth/apps";
import type { ActionResult } from "@/lib/errors";
import { TableHead } from "@/components/ui/table-head";

type Endpoints = { tokenV2: string; tokenV1: string; metadata: string; consent: string; resource: string };

const SECRET_LIFETIME_CHOICES = Object.entries(SECRET_LIFETIMES).map(([months, label]) => ({ months, label }));

export function AppDetailsView({ app, tenant, endpoints, serverNow }: { app: AppDetails; tenant: { id: string; name: string }; endpoints: Endpoints; serverNow: string }) {
  const router = useRouter();
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const [adding, setAdding] = useState(false);
  const [newSecret, setNewSecret] = useState(false);
  const [shownSecret, setShownSecret] = useState<{ description: string; value: string } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  /** Runs an action, toasts the outcome, and refreshes the page's data. */
  function run<T>(action: () => Promise<ActionResult<T>>, success: string | ((value: T) => string)) {
    startTransition(async () => {
      const result = await action();
      if (result.ok) toast.success(typeof success === "string" ? success : success(result.value));
      else toast.error(result.error);
      router.refresh();
    });
  }

  const missing = SCOPES.filter((scope) => !app.permissions.some((permission) => permission.scope === scope));

  return (
    <div className="mt-6 space-y-8">
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

      <section aria-labelledby="permissions" className="rounded-lg border border-slate-200 bg-white p-6">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="permissions" className="text-lg font-semibold">API permissions</h2>
          <div className="flex gap-2">
            <Button disabled={missing.length === 0} onClick={() => setAdding(true)}>
              Add a permission
            </Button>
            <Button variant="primary" disabled={pending || app.permissions.length === 0} onClick={() => run(() => grantConsentAction(app.id), `Admin consent granted for ${tenant.name}.`)}>
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
                  <Button variant="ghost" aria-label={`Remove ${permission.scope}`} disabled={pending} onClick={() => run(() => removePermissionAction(app.id, permission.scope), `${permission.scope} removed.`)}>
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
            <Button variant="ghost" disabled={pending} onClick={() => run(() => revokeConsentAction(app.id), "Admin consent revoked.")}>
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
      </section>

      <section aria-labelledby="secrets" className="rounded-lg border border-slate-200 bg-white p-6">
        <div className="flex items-center justify-between">
          <h2 id="secrets" className="text-lg font-semibold">Certificates &amp; secrets</h2>
          <Button onClick={() => setNewSecret(true)}>New client secret</Button>
        </div>
        <table className="mt-4 w-full text-left text-sm" aria-label="Client secrets">
          <TableHead columns={["Description", "Expires", "Value", "Secret ID"]} actions compact />
          <tbody>
            {app.secrets.map((secret) => {
              const expired = new Date(secret.expiresAt) <= new Date(serverNow);
              return (
                <tr key={secret.id} className="border-b border-slate-100 last:border-0">
                  <td className="py-2">{secret.description}</td>
                  <td className="py-2">
                    <RelativeTime value={secret.expiresAt} serverNow={serverNow} />
                    {expired ? <span className="ml-2 text-xs font-medium text-red-700">Expired</span> : null}
                  </td>
                  <td className="py-2 font-mono text-xs">{secret.hint}</td>
                  <td className="py-2 font-mono text-xs text-slate-500">{secret.id}</td>
                  <td className="py-2 text-right">
                    <Button variant="ghost" className="!text-red-700" aria-label={`Delete secret ${secret.description}`} disabled={pending} onClick={() => run(() => deleteSecretAction(app.id, secret.id), `Secret "${secret.description}" deleted.`)}>
                      Delete
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {app.secrets.length === 0 ? <p className="py-6 text-center text-sm text-slate-600">No client secrets: add one for the application to get tokens.</p> : null}
      </section>

      <section aria-labelledby="danger" className="rounded-lg border border-red-200 bg-white p-6">
        <h2 id="danger" className="text-lg font-semibold">Disable or delete</h2>
        <p className="mt-1 text-sm text-slate-600">Both apply at once: new tokens are refused, and so are tokens already issued.</p>
        <div className="mt-3 flex gap-2">
          <Button disabled={pending} onClick={() => run(() => setAppDisabledAction(app.id, !app.disabled), app.disabled ? "Application enabled." : "Application disabled.")}>
            {app.disabled ? "Enable application" : "Disable application"}
          </Button>
          <Button variant="danger" onClick={() => setConfirmDelete(true)}>
            Delete application
          </Button>
        </div>
        {app.disabled ? <p role="status" className="mt-2 text-sm font-medium text-amber-900">This application is disabled.</p> : null}
      </section>

      {adding ? <AddPermissionsDialog appId={app.id} available={missing} onClose={() => setAdding(false)} onAdded={() => { setAdding(false); router.refresh(); }} /> : null}
      {newSecret ? (
        <NewSecretDialog
          appId={app.id}
          onClose={() => setNewSecret(false)}
          onCreated={(secret) => {
            setNewSecret(false);
            setShownSecret(secret);
            router.refresh();
          }}
        />
      ) : null}
      <Dialog open={shownSecret !== null} onClose={() => setShownSecret(null)} title={`Client secret “${shownSecret?.description ?? ""}”`}>
        {shownSecret ? (
          <div className="space-y-4">
            <SecretValue id="secret-value" label="Value" value={shownSecret.value} what="Client secret" warning="Copy the value now. It will not be shown again: Keyport keeps only a fingerprint of it." />
            <div className="flex justify-end">
              <Button variant="primary" onClick={() => setShownSecret(null)}>
                Close
              </Button>
            </div>
          </div>
        ) : null}
      </Dialog>
      <Dialog open={confirmDelete} onClose={() => setConfirmDelete(false)} title={`Delete ${app.name}?`} description="Its secrets and every consent go with it, and every access token it holds is refused at once. This cannot be undone.">
        <DialogActions
          onCancel={() => setConfirmDelete(false)}
          variant="danger"
          label="Delete"
          pending={pending}
          onConfirm={() =>
            startTransition(async () => {
              const result = await deleteAppAction(app.id);
              if (!result.ok) {
                toast.error(result.error);
                return;
              }
              toast.success(`${result.value.name} deleted.`);
              router.push("/settings/app-registrations");
            })
          }
        />
      </Dialog>
    </div>
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

function AddPermissionsDialog({ appId, available, onClose, onAdded }: { appId: string; available: Scope[]; onClose: () => void; onAdded: () => void }) {
  const toast = useToast();
  const [chosen, setChosen] = useState<string[]>([]);
  const [pending, startTransition] = useTransition();
  function submit(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await addPermissionsAction(appId, chosen);
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      toast.success(`${chosen.join(", ")} added. Grant admin consent for it to take effect.`);
      onAdded();
    });
  }
  return (
    <Dialog open onClose={onClose} title="Add application permissions" description="Keyport API application permissions. They take effect after admin consent.">
      <form onSubmit={submit} className="space-y-3">
        <fieldset className="space-y-2">
          <legend className="sr-only">Permissions</legend>
          {available.map((scope) => (
            <label key={scope} className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                className="mt-1"
                checked={chosen.includes(scope)}
                onChange={(event) => setChosen((current) => (event.target.checked ? [...current, scope] : current.filter((item) => item !== scope)))}
              />
              <span>
                <span className="font-mono text-xs">{scope}</span>
                <span className="block text-slate-600">{SCOPE_DESCRIPTIONS[scope]}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <DialogActions onCancel={onClose} label="Add permissions" pending={pending} disabled={chosen.length === 0} />
      </form>
    </Dialog>
  );
}

function NewSecretDialog({ appId, onClose, onCreated }: { appId: string; onClose: () => void; onCreated: (secret: { description: string; value: string }) => void }) {
  const toast = useToast();
  const [description, setDescription] = useState("");
  const [months, setMonths] = useState("6");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();
  function submit(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await createSecretAction(appId, { description, months });
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        toast.error(result.error);
        return;
      }
      toast.success(`Client secret "${result.value.description}" added.`);
      onCreated(result.value);
    });
  }
  return (
    <Dialog open onClose={onClose} title="Add a client secret">
      <form onSubmit={submit} noValidate className="space-y-4">
        <TextField id="secret-description" label="Description" autoFocus value={description} onValue={setDescription} error={errors.description} />
        <Field id="secret-expires" label="Expires">
          <select id="secret-expires" value={months} onChange={(event) => setMonths(event.target.value)} className={inputClasses}>
            {SECRET_LIFETIME_CHOICES.map((lifetime) => (
              <option key={lifetime.months} value={lifetime.months}>
                {lifetime.label}
              </option>
            ))}
          </select>
        </Field>
        <DialogActions onCancel={onClose} label="Add" pending={pending} />
      </form>
    </Dialog>
  );
}
