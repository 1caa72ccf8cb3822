"use client";
// "Generate new token": name it, then see its value once, with the tenant URL to call.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { generateApiTokenAction } from "@/app/(portal)/settings/api-tokens/actions";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { useHydrated } from "@/components/ui/use-hydrated";
import { TOKEN_NAME_MAX } from "@/lib/validation/tokens";

type Generated = { name: string; value: string; tenantUrl: string };

export function GenerateTokenButton() {
  const hydrated = useHydrated();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="primary" disabled={!hydrated} onClick={() => setOpen(true)}>
        Generate new token
      </Button>
      {open ? <GenerateTokenDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function GenerateTokenDialog({ onClose }: { onClose: () => void }) {
  const router = useRouter();
  const toast = useToast();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [generated, setGenerated] = useState<Generated | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await generateApiTokenAction(name);
      if (!result.ok) {
        setError(result.fieldErrors?.name?.[0] ?? result.error);
        if (!result.fieldErrors) toast.error(result.error);
        return;
      }
      setError(null);
      setGenerated(result.value);
      toast.success(`Token "${result.value.name}" generated.`);
    });
  }

  function close() {
    // The value leaves memory with the dialog: it can never be shown again.
    setGenerated(null);
    onClose();
    router.refresh();
  }

  return (
    <Dialog open onClose={close} title={generated ? "Your new API token" : "Generate new token"}>
      {generated ? (
        <div className="space-y-4">
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" role="note">
            Copy the token now. It will not be shown again: Keyport keeps only a fingerprint of it.
          </p>
          <div>
            <label htmlFor="new-token-value" className="block text-sm font-medium">
              Token
            </label>
            <div className="mt-1 flex gap-2">
              <input
                id="new-token-value"
                readOnly
                value={generated.value}
                onFocus={(event) => event.currentTarget.select()}
                className="w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-1.5 font-mono text-xs"
              />
              <CopyButton value={generated.value} what="Token" />
            </div>
          </div>
          <div className="text-sm">
            <p className="font-medium">Tenant URL</p>
            <p className="mt-1 text-slate-600">
              Call the API at <code className="rounded bg-slate-100 px-1 font-mono text-xs" data-testid="new-token-tenant-url">{generated.tenantUrl}</code>
            </p>
            <pre className="mt-2 overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
              {`curl -H "Authorization: Token <token>" ${generated.tenantUrl}/api/v1/alerts/`}
            </pre>
          </div>
          <div className="flex justify-end">
            <Button variant="primary" onClick={close}>
              Close
            </Button>
          </div>
        </div>
      ) : (
        <form onSubmit={submit} noValidate className="space-y-4">
          <div>
            <label htmlFor="new-token-name" className="block text-sm font-medium">
              Token name
            </label>
            <input
              id="new-token-name"
              autoFocus
              value={name}
              maxLength={TOKEN_NAME_MAX + 50}
              onChange={(event) => setName(event.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "new-token-name-error" : "new-token-name-hint"}
              className="mt-1 w-full rounded-md border border-slate-300 px-3 py-1.5 aria-invalid:border-red-600"
            />
            {error ? (
              <p id="new-token-name-error" className="mt-1 text-sm text-red-700">
                {error}
              </p>
            ) : (
              <p id="new-token-name-hint" className="mt-1 text-sm text-slate-500">
                Say what uses it, for example &ldquo;Splunk production&rdquo;. At most {TOKEN_NAME_MAX} characters.
              </p>
            )}
          </div>
          <div className="flex justify-end gap-2">
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={pending}>
              {pending ? "Generating…" : "Next"}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
