"use client";
// "Generate new token": name it, choose when it expires, which of your role's scopes it holds and where
// it may be used from; then see its value once, with the tenant URL to call.
import { useState } from "react";
import { generateApiTokenAction } from "@/lib/actions/api-tokens";
import { generateServiceAccountTokenAction } from "@/lib/actions/service-accounts";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, fieldAria, inputClasses, TextField } from "@/components/ui/text-field";
import { ExpirationField, expirationChoiceOf, initialExpiration } from "@/components/tokens/expiration-field";
import { TokenSecretPanel, useDiscardGuard } from "@/components/tokens/token-secret-panel";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import { useHydrated } from "@/components/ui/use-hydrated";
import { TOKEN_NAME_MAX } from "@/lib/tokens/schemas";
import { MAX_ALLOWED_IP_RANGES } from "@/lib/tokens/ip-allowlist";
import { SCOPE_DESCRIPTIONS, type Scope } from "@/lib/permissions";

type Generated = { name: string; value: string; tenantUrl: string };

/** What the dialog offers: the issuer's role and its scopes, and the tenant's maximum lifetime. */
/** `serviceAccountId`: the token is that service account's (roleLabel and roleScopes are then its role's, within the maker's). */
export type GenerateOptions = { roleLabel: string; roleScopes: readonly Scope[]; maxLifetimeDays: number | null; serviceAccountId?: string };

export function GenerateTokenButton(options: GenerateOptions) {
  const hydrated = useHydrated();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="primary" disabled={!hydrated} onClick={() => setOpen(true)}>
        Generate new token
      </Button>
      {open ? <GenerateTokenDialog {...options} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function GenerateTokenDialog({ roleLabel, roleScopes, maxLifetimeDays, serviceAccountId, onClose }: GenerateOptions & { onClose: () => void }) {
  const toast = useToast();
  const [name, setName] = useState("");
  const [expiration, setExpiration] = useState(() => initialExpiration(maxLifetimeDays));
  const [scopes, setScopes] = useState<Scope[]>([...roleScopes]);
  const [allowedIps, setAllowedIps] = useState("");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [generated, setGenerated] = useState<Generated | null>(null);
  const { pending, run } = useAction();

  function close() {
    // The value leaves memory with the dialog: it can never be shown again. The table behind it is already
    // fresh: the action revalidated the page when it answered.
    setGenerated(null);
    onClose();
  }
  const guard = useDiscardGuard(close);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const input = { name, expiration: expirationChoiceOf(expiration), scopes, allowedIps };
    run(() => (serviceAccountId ? generateServiceAccountTokenAction({ ...input, serviceAccountId }) : generateApiTokenAction(input)), {
      success: (token) => `Token "${token.name}" generated.`,
      onSuccess: (token) => {
        setErrors({});
        setGenerated(token);
      },
      onFailure: (failure) => {
        setErrors(failure.fieldErrors ?? {});
        if (!failure.fieldErrors) toast.error(failure.error);
      },
    });
  }

  function toggle(scope: Scope, checked: boolean) {
    setScopes((current) => (checked ? roleScopes.filter((candidate) => candidate === scope || current.includes(candidate)) : current.filter((candidate) => candidate !== scope)));
  }

  return (
    <Dialog open onClose={generated ? guard.requestClose : close} title={generated ? "Your new API token" : "Generate new token"}>
      {generated ? (
        <TokenSecretPanel value={generated.value} tenantUrl={generated.tenantUrl} guard={guard} />
      ) : (
        <form onSubmit={submit} noValidate className="space-y-4">
          <TextField
            id="new-token-name"
            label="Token name"
            autoFocus
            maxLength={TOKEN_NAME_MAX + 50}
            value={name}
            onValue={setName}
            error={errors.name}
            hint={<>Say what uses it, for example &ldquo;Splunk production&rdquo;. At most {TOKEN_NAME_MAX} characters.</>}
          />
          <ExpirationField id="new-token-expiration" state={expiration} onChange={setExpiration} maxLifetimeDays={maxLifetimeDays} error={errors.expiration} />
          <fieldset aria-describedby={errors.scopes ? "new-token-scopes-error" : "new-token-scopes-hint"}>
            <legend className="text-sm font-medium">Scopes</legend>
            <p id="new-token-scopes-hint" className="mt-1 text-sm text-slate-500">
              All of {serviceAccountId ? "the account's" : "your"} role ({roleLabel}) by default. Untick what the token does not need: it then never holds it, whatever your role becomes.
            </p>
            <ul className="mt-2 space-y-1.5">
              {roleScopes.map((scope) => (
                <li key={scope} className="flex items-start gap-2">
                  <input
                    id={`new-token-scope-${scope}`}
                    type="checkbox"
                    className="mt-1"
                    checked={scopes.includes(scope)}
                    onChange={(event) => toggle(scope, event.target.checked)}
                    aria-describedby={`new-token-scope-${scope}-description`}
                  />
                  <div className="text-sm">
                    <label htmlFor={`new-token-scope-${scope}`} className="font-mono">
                      {scope}
                    </label>
                    <p id={`new-token-scope-${scope}-description`} className="text-xs text-slate-500">
                      {SCOPE_DESCRIPTIONS[scope]}
                    </p>
                  </div>
                </li>
              ))}
            </ul>
            {errors.scopes ? (
              <p id="new-token-scopes-error" className="mt-1 text-sm text-red-700">
                {errors.scopes[0]}
              </p>
            ) : null}
          </fieldset>
          <Field
            id="new-token-allowed-ips"
            label="Allowed IP ranges"
            hint={`Optional. IPv4 or IPv6 addresses or CIDR ranges, separated by commas or new lines, for example 203.0.113.0/24. Empty: any address. At most ${MAX_ALLOWED_IP_RANGES}.`}
            error={errors.allowedIps}
          >
            <textarea
              id="new-token-allowed-ips"
              rows={3}
              value={allowedIps}
              onChange={(event) => setAllowedIps(event.target.value)}
              spellCheck={false}
              className={`${inputClasses} font-mono text-sm`}
              {...fieldAria({ id: "new-token-allowed-ips", hint: true, error: errors.allowedIps })}
            />
          </Field>
          <DialogActions onCancel={close} label="Next" pendingLabel="Generating…" pending={pending} />
        </form>
      )}
    </Dialog>
  );
}
