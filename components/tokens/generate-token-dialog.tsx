"use client";
// "Generate new token": name it, then see its value once, with the tenant URL to call.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { generateApiTokenAction } from "@/lib/actions/api-tokens";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/text-field";
import { TokenSecretPanel } from "@/components/tokens/token-secret-panel";
import { useToast } from "@/components/ui/toast";
import { useHydrated } from "@/components/ui/use-hydrated";
import { TOKEN_NAME_MAX } from "@/lib/tokens/schemas";

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
      const result = await generateApiTokenAction({ name });
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
          <TextField
            id="new-token-name"
            label="Token name"
            autoFocus
            maxLength={TOKEN_NAME_MAX + 50}
            value={name}
            onValue={setName}
            error={error}
            hint={<>Say what uses it, for example &ldquo;Splunk production&rdquo;. At most {TOKEN_NAME_MAX} characters.</>}
          />
          <DialogActions onCancel={close} label="Next" pendingLabel="Generating…" pending={pending} />
        </form>
      )}
    </Dialog>
  );
}
