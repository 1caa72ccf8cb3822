"use client";
// An app's client secrets ("Certificates & secrets"): add one (its value shown once), delete one.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { NewSecretDialog } from "@/components/apps/new-secret-dialog";
import { useAppAction } from "@/components/apps/use-app-action";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { SecretValue } from "@/components/ui/secret-value";
import { TableHead } from "@/components/ui/table-head";
import { deleteSecretAction } from "@/lib/actions/apps";
import type { AppDetails } from "@/lib/oauth/apps";

export function AppSecrets({ app, serverNow }: { app: AppDetails; serverNow: string }) {
  const router = useRouter();
  const { pending, run } = useAppAction();
  const [adding, setAdding] = useState(false);
  const [shown, setShown] = useState<{ description: string; value: string } | null>(null);

  return (
    <section aria-labelledby="secrets" className="rounded-lg border border-slate-200 bg-white p-6">
      <div className="flex items-center justify-between">
        <h2 id="secrets" className="text-lg font-semibold">Certificates &amp; secrets</h2>
        <Button onClick={() => setAdding(true)}>New client secret</Button>
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
                  <Button
                    variant="ghost"
                    className="!text-red-700"
                    aria-label={`Delete secret ${secret.description}`}
                    disabled={pending}
                    onClick={() => run(() => deleteSecretAction({ appId: app.id, secretId: secret.id }), `Secret "${secret.description}" deleted.`)}
                  >
                    Delete
                  </Button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {app.secrets.length === 0 ? <p className="py-6 text-center text-sm text-slate-600">No client secrets: add one for the application to get tokens.</p> : null}
      {adding ? (
        <NewSecretDialog
          appId={app.id}
          onClose={() => setAdding(false)}
          onCreated={(secret) => {
            setAdding(false);
            setShown(secret);
            router.refresh();
          }}
        />
      ) : null}
      <Dialog open={shown !== null} onClose={() => setShown(null)} title={`Client secret “${shown?.description ?? ""}”`}>
        {shown ? (
          <div className="space-y-4">
            <SecretValue id="secret-value" label="Value" value={shown.value} what="Client secret" warning="Copy the value now. It will not be shown again: Keyport keeps only a fingerprint of it." />
            <div className="flex justify-end">
              <Button variant="primary" onClick={() => setShown(null)}>
                Close
              </Button>
            </div>
          </div>
        ) : null}
      </Dialog>
    </section>
  );
}
