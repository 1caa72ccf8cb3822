"use client";
// An app's client secrets ("Certificates & secrets"): add one (its value shown once), delete one.
import { useRef, useState } from "react";
import { createColumnHelper, useTable } from "@tanstack/react-table";
import { NewSecretDialog } from "@/components/apps/new-secret-dialog";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { SecretValue } from "@/components/ui/secret-value";
import { DataTable, dataTableFeatures } from "@/components/ui/data-table";
import { deleteSecretAction } from "@/lib/actions/apps";
import type { AppDetails } from "@/lib/oauth/apps";

type Secret = AppDetails["secrets"][number];
type SecretTableMeta = { serverNow: string; pending: boolean; onDelete: (secret: Secret) => void };

const features = dataTableFeatures<SecretTableMeta>();
const helper = createColumnHelper<typeof features, Secret>();

// The columns are made once (see DataTable).
const COLUMNS = helper.columns([
  helper.display({ id: "description", header: "Description", meta: { card: "title" }, cell: ({ row }) => row.original.description }),
  helper.display({
    id: "expires",
    header: "Expires",
    meta: { className: "whitespace-nowrap" },
    cell: ({ row: { original: secret }, table }) => {
      const serverNow = table.options.meta!.serverNow;
      return (
        <>
          <RelativeTime value={secret.expiresAt} serverNow={serverNow} />
          {new Date(secret.expiresAt) <= new Date(serverNow) ? <span className="ml-2 text-xs font-medium text-red-700">Expired</span> : null}
        </>
      );
    },
  }),
  helper.display({ id: "value", header: "Value", meta: { className: "font-mono text-xs whitespace-nowrap" }, cell: ({ row }) => row.original.hint }),
  helper.display({ id: "id", header: "Secret ID", meta: { className: "font-mono text-xs whitespace-nowrap text-slate-600" }, cell: ({ row }) => row.original.id }),
  helper.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    meta: { card: "actions", className: "text-right" },
    cell: ({ row: { original: secret }, table }) => (
      <Button variant="ghost" className="!text-red-700" aria-label={`Delete secret ${secret.description}`} disabled={table.options.meta!.pending} onClick={() => table.options.meta!.onDelete(secret)}>
        Delete
      </Button>
    ),
  }),
]);

export function AppSecrets({ app, serverNow }: { app: AppDetails; serverNow: string }) {
  const { pending, confirmed } = useAction();
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<{ id: string; description: string } | null>(null);
  // A deleted secret's row (and its button) goes away: focus lands on the section's heading.
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [shown, setShown] = useState<{ description: string; value: string } | null>(null);
  const table = useTable({ features, columns: COLUMNS, data: app.secrets, getRowId: (secret) => secret.id, meta: { serverNow, pending, onDelete: setDeleting } });

  return (
    <section aria-labelledby="secrets" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="secrets" ref={headingRef} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
          Certificates &amp; secrets
        </h2>
        <Button onClick={() => setAdding(true)}>New client secret</Button>
      </div>
      <ScrollRegion label="Client secrets table" className="mt-4">
        <DataTable table={table} label="Client secrets" compact />
      </ScrollRegion>
      {app.secrets.length === 0 ? <p className="py-6 text-center text-sm text-slate-600">No client secrets: add one for the application to get tokens.</p> : null}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the client secret “${deleting?.description ?? ""}”?`}
        description={
          <>
            <strong>{app.name}</strong> can no longer get tokens with this secret; a service that uses it stops working when its
            current access token expires (within an hour). This cannot be undone.
          </>
        }
        confirmLabel="Delete"
        pendingLabel="Deleting…"
        onClose={() => setDeleting(null)}
        returnFocusAfterConfirm={headingRef}
        onConfirm={() => confirmed(() => deleteSecretAction({ appId: app.id, secretId: deleting!.id }), `Secret "${deleting!.description}" deleted.`)}
      />
      {adding ? (
        <NewSecretDialog
          appId={app.id}
          onClose={() => setAdding(false)}
          onCreated={(secret) => {
            setAdding(false);
            setShown(secret);
          }}
        />
      ) : null}
      <Dialog open={shown !== null} onClose={() => setShown(null)} title={`Client secret “${shown?.description ?? ""}”`}>
        {shown ? (
          <div className="space-y-4">
            <SecretValue id="secret-value" label="Value" value={shown.value} what="Client secret" warning="Copy the value now. It will not be shown again: Keyport keeps only a fingerprint of it." />
            <div className="flex justify-end">
              <Button variant="primary" className="min-h-11 w-full sm:min-h-0 sm:w-auto" onClick={() => setShown(null)}>
                Close
              </Button>
            </div>
          </div>
        ) : null}
      </Dialog>
    </section>
  );
}
