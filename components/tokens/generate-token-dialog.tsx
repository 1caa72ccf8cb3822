"use client";
// "Generate new token": name it, choose when it expires, which of your role's scopes it holds and where
// it may be used from; then see its value once, with the tenant URL to call. "Generate a replacement"
// opens it with the settings of the token replaced. A name the person already uses is pointed out.
import { useEffect, useState } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { generateApiTokenAction, tokenNameInUseAction } from "@/lib/actions/api-tokens";
import { generateServiceAccountTokenAction } from "@/lib/actions/service-accounts";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, fieldAria, inputClasses, TextField } from "@/components/ui/text-field";
import { ExpirationField, expirationChoiceOf, initialExpiration } from "@/components/tokens/expiration-field";
import { TokenSecretPanel, useDiscardGuard } from "@/components/tokens/token-secret-panel";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import { useHydrated } from "@/components/ui/use-hydrated";
import { TOKEN_DESCRIPTION_MAX, TOKEN_NAME_MAX } from "@/lib/tokens/schemas";
import type { ReplacementTemplate } from "@/lib/tokens/replacement";
import { MAX_ALLOWED_IP_RANGES } from "@/lib/tokens/ip-allowlist";
import { SCOPE_DESCRIPTIONS, type Scope } from "@/lib/permissions";

type Generated = { name: string; value: string; tenantUrl: string };

/**
 * What the dialog offers: the issuer's role and its scopes, and the tenant's maximum lifetime; with a
 * replacement, it opens at once holding the replaced token's settings. `serviceAccountId`: the token is
 * that service account's (roleLabel and roleScopes are then its role's, within the maker's).
 */
export type GenerateOptions = { roleLabel: string; roleScopes: readonly Scope[]; maxLifetimeDays: number | null; replacement?: ReplacementTemplate | null; serviceAccountId?: string };

export function GenerateTokenButton(options: GenerateOptions) {
  const hydrated = useHydrated();
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const replacement = options.replacement ?? null;
  const replacing = replacement?.replaces.id;
  // Opened by a "Generate a replacement" link: after hydration, so the dialog's first keystrokes count.
  useEffect(() => {
    if (replacing) setOpen(true);
  }, [replacing]);

  function close() {
    setOpen(false);
    if (!replacement) return;
    // The link's ?replace= leaves the address, so a reload does not open the dialog again.
    const rest = new URLSearchParams(searchParams.toString());
    rest.delete("replace");
    router.replace(rest.size ? `${pathname}?${rest}` : pathname, { scroll: false });
  }

  return (
    <>
      <Button variant="primary" disabled={!hydrated} onClick={() => setOpen(true)}>
        Generate new token
      </Button>
      {open ? <GenerateTokenDialog key={replacing ?? "new"} {...options} replacement={replacement} onClose={close} /> : null}
    </>
  );
}

function GenerateTokenDialog({ roleLabel, roleScopes, maxLifetimeDays, replacement, serviceAccountId, onClose }: GenerateOptions & { onClose: () => void }) {
  const toast = useToast();
  const [name, setName] = useState(replacement?.name ?? "");
  const [description, setDescription] = useState(replacement?.description ?? "");
  const [expiration, setExpiration] = useState(() => (replacement?.expiration ? { selected: replacement.expiration, date: "" } : initialExpiration(maxLifetimeDays)));
  const [scopes, setScopes] = useState<Scope[]>(() => (replacement?.scopes ? roleScopes.filter((scope) => replacement.scopes!.includes(scope)) : [...roleScopes]));
  const [allowedIps, setAllowedIps] = useState(replacement?.allowedIps.join("\n") ?? "");
  const [nameInUse, setNameInUse] = useState<string | null>(null);
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

  // A second token of one person with one name is hard to tell apart later: said, never refused.
  async function checkName(candidate: string) {
    const trimmed = candidate.trim();
    if (!trimmed) return setNameInUse(null);
    const result = await tokenNameInUseAction({ name: trimmed });
    setNameInUse(result.ok && result.value.count > 0 ? trimmed : null);
  }
  const initialName = replacement?.name;
  useEffect(() => {
    if (initialName) void checkName(initialName);
  }, [initialName]);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const input = { name, description, expiration: expirationChoiceOf(expiration), scopes, allowedIps };
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
          {replacement ? (
            <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700" data-testid="replacement-note">
              A replacement for &ldquo;{replacement.replaces.name}&rdquo;: its name, description, scopes, allowed IP ranges and lifetime are filled in. Change what you need.
            </p>
          ) : null}
          <TextField
            id="new-token-name"
            label="Token name"
            autoFocus
            maxLength={TOKEN_NAME_MAX + 50}
            value={name}
            onValue={(value) => {
              setName(value);
              if (nameInUse !== null && value.trim() !== nameInUse) setNameInUse(null);
            }}
            onBlur={() => void checkName(name)}
            error={errors.name}
            hint={<>Say what uses it, for example &ldquo;Splunk production&rdquo;. At most {TOKEN_NAME_MAX} characters.</>}
          />
          <p aria-live="polite" className="-mt-2 text-sm text-amber-800 empty:hidden" data-testid="name-in-use">
            {nameInUse ? <>You already have a token named &ldquo;{nameInUse}&rdquo;. You can keep the name, but a different one is easier to tell apart.</> : null}
          </p>
          <Field id="new-token-description" label="Description" hint={`Optional. What uses the token and why, for whoever finds it later. At most ${TOKEN_DESCRIPTION_MAX} characters.`} error={errors.description}>
            <textarea
              id="new-token-description"
              rows={2}
              value={description}
              maxLength={TOKEN_DESCRIPTION_MAX + 50}
              onChange={(event) => setDescription(event.target.value)}
              className={inputClasses}
              {...fieldAria({ id: "new-token-description", hint: true, error: errors.description })}
            />
          </Field>
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
