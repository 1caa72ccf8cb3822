"use client";
// A credential's value, shown once, with Copy and the tenant URL to call.
import { Button } from "@/components/ui/button";
import { SecretValue } from "@/components/ui/secret-value";

export function TokenSecretPanel({ value, tenantUrl, onClose, example = "/api/v1/alerts/" }: { value: string; tenantUrl: string; onClose: () => void; example?: string }) {
  return (
    <div className="space-y-4">
      <SecretValue id="new-token-value" label="Token" value={value} what="Token" warning="Copy the token now. It will not be shown again: Keyport keeps only a fingerprint of it." />
      <div className="text-sm">
        <p className="font-medium">Tenant URL</p>
        <p className="mt-1 text-slate-600">
          Call the API at{" "}
          <code className="rounded bg-slate-100 px-1 font-mono text-xs" data-testid="new-token-tenant-url">
            {tenantUrl}
          </code>
        </p>
        <pre className="mt-2 overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">{`curl -H "Authorization: Token <token>" ${tenantUrl}${example}`}</pre>
      </div>
      <div className="flex justify-end">
        <Button variant="primary" onClick={onClose}>
          Close
        </Button>
      </div>
    </div>
  );
}
