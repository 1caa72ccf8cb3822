"use client";
// What an admin copies into the identity provider's provisioning settings: the SCIM base URL ("Tenant
// URL") and the secret token, generated here and shown once ("Secret Token"), Entra ID's own names.
import { useEffect, useRef, useState } from "react";
import { generateScimSecretAction } from "@/lib/actions/provisioning";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { RelativeTime } from "@/components/ui/relative-time";
import { SecretValue } from "@/components/ui/secret-value";
import { useAction } from "@/components/ui/use-action";
import { useHydrated } from "@/components/ui/use-hydrated";

type Props = { tenantUrl: string; secretCreatedAt: string | null; serverNow: string };

export function ProvisioningSettings({ tenantUrl, secretCreatedAt, serverNow }: Props) {
  const hydrated = useHydrated();
  const { pending, run } = useAction();
  const [secret, setSecret] = useState<string | null>(null);
  const shown = useRef<HTMLDivElement>(null);

  function generate() {
    run(() => generateScimSecretAction({}), {
      success: secretCreatedAt || secret ? "New secret token generated: the previous one no longer works." : "Secret token generated.",
      onSuccess: ({ value }) => setSecret(value),
    });
  }

  // The value appears below the button: focus goes to it once rendered, so a keyboard or screen reader user is taken there.
  useEffect(() => {
    if (secret) shown.current?.querySelector("input")?.focus();
  }, [secret]);

  return (
    <div className="mt-6 grid max-w-2xl gap-6">
      <section aria-labelledby="scim-connection" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="scim-connection" className="text-base font-semibold">
          Admin credentials
        </h2>
        <div className="mt-3">
          <label htmlFor="scim-tenant-url" className="block text-sm font-medium">
            Tenant URL
          </label>
          <div className="mt-1 flex gap-2">
            <input id="scim-tenant-url" readOnly value={tenantUrl} onFocus={(event) => event.currentTarget.select()} className="w-full min-w-0 rounded-md border border-slate-300 bg-slate-50 px-3 py-1.5 font-mono text-xs" />
            <CopyButton value={tenantUrl} label="Copy Tenant URL" what="Tenant URL" />
          </div>
        </div>
        <div className="mt-4 grid gap-3">
          <p id="scim-secret-state" className="text-sm text-slate-700">
            {secretCreatedAt ? (
              <>
                A secret token was generated <RelativeTime value={secretCreatedAt} serverNow={serverNow} />. Generating a new one replaces it: the provisioning
                client must then be given the new one.
              </>
            ) : (
              "No secret token yet: provisioning is off until you generate one."
            )}
          </p>
          <div>
            <Button variant="primary" onClick={generate} disabled={!hydrated || pending} aria-describedby="scim-secret-state">
              {pending ? "Generating…" : "Generate secret token"}
            </Button>
          </div>
          {secret ? (
            <div ref={shown} className="grid gap-2">
              <SecretValue id="scim-secret-token" label="Secret Token" value={secret} what="Secret token" warning="Copy the secret token now: it is shown only once. Paste it into your identity provider's provisioning settings." />
            </div>
          ) : null}
        </div>
      </section>
    </div>
  );
}
