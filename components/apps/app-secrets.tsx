"use client";
// An app's client secrets ("Certificates & secrets"): add one (its value shown once), delete one.
import { useRef, useState } from "react";
import { NewSecretDialog } from "@/components/apps/new-secret-dialog";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { SecretValue } from "@/components/ui/secret-value";
import { TableHead } from "@/components/ui/table-head";
import { deleteSecretAction } from "@/lib/actions/apps";
import type { AppDetails } from "@/lib/oauth/apps";

export function AppSecrets({ app, serverNow }: { app: AppDetails; serverNow: string }) {
  const { pending, confirmed } = useAction();
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<{ id: string; description: string } | null>(null);
  // A deleted secret's row (and its button) goes away: focus lands on the section's heading.
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [shown, setShown] = useState<{ description: string; value: string } | null>(null);

  return (
    <section aria-labelledby="secrets" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="secrets" ref={headingRef} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
          Certificates &amp; secrets
        </h2>
        <Button onClick={() => setAdding(true)}>New client secret</Button>
      </div>
      <ScrollRegion label="Client secrets table" className="mt-4">
      <table className="w-full text-left text-sm" aria-label="Client secrets">
        <TableHead columns={["Description", "Expires", "Value", "Secret ID"]} actions compact />
        <tbody>
          {app.secrets.map((secret) => {
            const expired = new Date(secret.expiresAt) <= new Date(serverNow);
            return (
              <tr key={secret.id} className="border-b border-slate-100 last:border-0">
                <td className="py-2 pr-3">{secret.description}</td>
                <td className="py-2 pr-3 whitespace-nowrap">
                  <RelativeTime value={secret.expiresAt} serverNow={serverNow} />
                  {expired ? <span className="ml-2 text-xs font-medium text-red-700">Expired</span> : null}
                </td>
                <td className="py-2 pr-3 font-mono text-xs whitespace-nowrap">{secret.hint}</td>
                <td className="py-2 pr-3 font-mono text-xs whitespace-nowrap text-slate-600">{secret.id}</td>
                <td className="py-2 text-right">
                  <Button
                    variant="ghost"
                    className="!text-red-700"
                    aria-label={`Delete secret ${secret.description}`}
                    disabled={pending}
                    onClick={() => setDeleting(secret)}
                  >
                    Delete
                  </Button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
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
