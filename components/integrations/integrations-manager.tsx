"use client";
// SIEM agents and log collectors: add one (its token shown once, expiring as chosen), rotate its token
// with a grace period, delete it.
import { useState } from "react";
import { createIntegrationAction, deleteIntegrationAction } from "@/lib/actions/integrations";
import { StatusBadge } from "@/components/tokens/status-badge";
import { TokenSecretPanel, useDiscardGuard } from "@/components/tokens/token-secret-panel";
import { ExpirationField, expirationChoiceOf, initialExpiration } from "@/components/tokens/expiration-field";
import { RotateTokenDialog } from "@/components/tokens/rotate-token-dialog";
import { ExpiryTime, LocalDateTime } from "@/components/tokens/token-times";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import { useHydrated } from "@/components/ui/use-hydrated";
import { Field, fieldAria, inputClasses, TextField } from "@/components/ui/text-field";
import type { IntegrationRow } from "@/lib/integrations/integrations";
import type { CreateIntegrationInput, IntegrationKind } from "@/lib/integrations/schemas";
import { TableHead } from "@/components/ui/table-head";
import { ScrollRegion } from "@/components/ui/scroll-region";

type Labels = { singular: string; addButton: string; empty: string; example: string };

const LABELS: Record<IntegrationKind, Labels> = {
  SIEM_AGENT: { singular: "SIEM agent", addButton: "Add SIEM agent", empty: "No SIEM agents yet.", example: "/api/v1/activities/" },
  LOG_COLLECTOR: { singular: "log collector", addButton: "Add log collector", empty: "No log collectors yet.", example: "/api/v1/discovery/upload/" },
};

type Secret = { title: string; value: string; tenantUrl: string };

export function IntegrationsManager({
  kind,
  rows,
  sources,
  serverNow,
  maxLifetimeDays,
}: {
  kind: IntegrationKind;
  rows: IntegrationRow[];
  sources: readonly string[];
  serverNow: string;
  maxLifetimeDays: number | null;
}) {
  const labels = LABELS[kind];
  const hydrated = useHydrated();
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<Secret | null>(null);
  const [deleting, setDeleting] = useState<IntegrationRow | null>(null);
  const [rotating, setRotating] = useState<IntegrationRow | null>(null);
  const { pending, run } = useAction();
  const closeSecret = () => setSecret(null);
  const guard = useDiscardGuard(closeSecret);

  function runDelete() {
    if (!deleting) return;
    const row = deleting;
    run(() => deleteIntegrationAction({ kind, id: row.id }), {
      success: (deleted) => `${capitalize(labels.singular)} "${deleted.name}" deleted.`,
      onSettled: () => setDeleting(null),
    });
  }

  return (
    <div className="mt-6">
      <div className="flex justify-end">
        <Button variant="primary" disabled={!hydrated} onClick={() => setAdding(true)}>
          {labels.addButton}
        </Button>
      </div>
      <ScrollRegion label={`${capitalize(labels.singular)}s table`} className="mt-4 rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" aria-label={`${capitalize(labels.singular)}s`}>
          <TableHead columns={["Name", kind === "LOG_COLLECTOR" && "Source", "Created by", "Created", "Last used", "Expires", "Status"]} actions />
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-b border-slate-100 last:border-0">
                <td className="px-4 py-2">
                  <div className="font-medium">{row.name}</div>
                  <div className="font-mono text-xs text-slate-500">{row.hint}</div>
                </td>
                {kind === "LOG_COLLECTOR" ? <td className="px-4 py-2">{row.sourceType}</td> : null}
                <td className="px-4 py-2">{row.createdBy}</td>
                <td className="px-4 py-2"><RelativeTime value={row.createdAt} serverNow={serverNow} /></td>
                <td className="px-4 py-2">{row.lastUsedAt ? <RelativeTime value={row.lastUsedAt} serverNow={serverNow} /> : <span className="text-slate-500">Never</span>}</td>
                <td className="px-4 py-2">
                  <ExpiryTime value={row.expiresAt} serverNow={serverNow} />
                  {row.expiresSoon ? (
                    <div className="mt-1">
                      <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">Expires this week</span>
                    </div>
                  ) : null}
                </td>
                <td className="px-4 py-2">
                  <StatusBadge status={row.status} />
                  {row.previousValidUntil ? (
                    <div className="mt-1 text-xs text-slate-600">
                      rotated, previous value valid until <LocalDateTime value={row.previousValidUntil} />
                    </div>
                  ) : null}
                </td>
                <td className="px-4 py-2 text-right whitespace-nowrap">
                  <Button variant="ghost" aria-label={`Rotate ${row.name}`} onClick={() => setRotating(row)}>
                    Rotate
                  </Button>
                  <Button variant="ghost" className="!text-red-700" aria-label={`Delete ${row.name}`} onClick={() => setDeleting(row)}>
                    Delete
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 ? <p className="px-6 py-12 text-center font-medium">{labels.empty}</p> : null}
      </ScrollRegion>

      {adding ? (
        <AddIntegrationDialog
          kind={kind}
          labels={labels}
          sources={sources}
          maxLifetimeDays={maxLifetimeDays}
          onClose={() => setAdding(false)}
          onCreated={(created) => {
            setAdding(false);
            setSecret(created);
          }}
        />
      ) : null}

      <Dialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={`Delete ${labels.singular}?`}
        description={`“${deleting?.name}” will be removed and its token refused from now on.`}
      >
        <DialogActions onCancel={() => setDeleting(null)} onConfirm={runDelete} variant="danger" pending={pending} label="Delete" />
      </Dialog>

      {rotating ? (
        <RotateTokenDialog
          target={{ id: rotating.id, name: rotating.name, kind, lifetimeSeconds: rotating.lifetimeSeconds }}
          maxLifetimeDays={maxLifetimeDays}
          example={labels.example}
          onClose={() => setRotating(null)}
        />
      ) : null}

      <Dialog open={secret !== null} onClose={guard.requestClose} title={secret?.title ?? ""}>
        {secret ? <TokenSecretPanel value={secret.value} tenantUrl={secret.tenantUrl} example={labels.example} guard={guard} /> : null}
      </Dialog>
    </div>
  );
}

function AddIntegrationDialog({
  kind,
  labels,
  sources,
  maxLifetimeDays,
  onClose,
  onCreated,
}: {
  kind: IntegrationKind;
  labels: Labels;
  sources: readonly string[];
  maxLifetimeDays: number | null;
  onClose: () => void;
  onCreated: (secret: Secret) => void;
}) {
  const toast = useToast();
  const [name, setName] = useState("");
  const [expiration, setExpiration] = useState(() => initialExpiration(maxLifetimeDays));
  const [sourceType, setSourceType] = useState("");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const { pending, run } = useAction();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    // The form sends what was chosen as is; the action checks it (a log collector needs a known source).
    const expirationChoice = expirationChoiceOf(expiration);
    const input = (kind === "LOG_COLLECTOR" ? { kind, name, sourceType: sourceType || undefined, expiration: expirationChoice } : { kind, name, expiration: expirationChoice }) as CreateIntegrationInput;
    run(() => createIntegrationAction(input), {
      success: (created) => `${capitalize(labels.singular)} "${created.name}" added.`,
      onSuccess: (created) => onCreated({ title: `Token for ${created.name}`, value: created.value, tenantUrl: created.tenantUrl }),
      onFailure: (failure) => {
        setErrors(failure.fieldErrors ?? {});
        if (!failure.fieldErrors) toast.error(failure.error);
      },
    });
  }

  return (
    <Dialog open onClose={onClose} title={labels.addButton}>
      <form onSubmit={submit} noValidate className="space-y-4">
        <TextField id="integration-name" label="Name" autoFocus value={name} onValue={setName} error={errors.name} />
        {kind === "LOG_COLLECTOR" ? (
          <Field id="integration-source" label="Source type" error={errors.sourceType}>
            <select
              id="integration-source"
              value={sourceType}
              onChange={(event) => setSourceType(event.target.value)}
              className={inputClasses}
              {...fieldAria({ id: "integration-source", error: errors.sourceType })}
            >
              <option value="">Choose…</option>
              {sources.map((source) => (
                <option key={source} value={source}>
                  {source}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <ExpirationField id="integration-expiration" state={expiration} onChange={setExpiration} maxLifetimeDays={maxLifetimeDays} error={errors.expiration} />
        <DialogActions onCancel={onClose} label="Next" pendingLabel="Adding…" pending={pending} />
      </form>
    </Dialog>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
