"use client";
// "Generate new token": name it, then see its value once, with the tenant URL to call.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { generateApiTokenAction } from "@/app/(portal)/settings/api-tokens/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TokenSecretPanel } from "@/components/tokens/token-secret-panel";
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
        <TokenSecretPanel value={generated.value} tenantUrl={generated.tenantUrl} onClose={close} />
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
