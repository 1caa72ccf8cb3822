"use client";
// "Rotate <name>": the token gets a new value (shown once) and keeps its row, name, scopes, allowed IP
// ranges and lifetime. The grace period says how long the current value keeps working, so whatever uses
// it can switch without an outage; it starts at 1 hour, so a rotation does not break a running job by
// default. An API token's rotation may also set a new expiry, within the tenant's maximum. API tokens,
// SIEM agents and log collectors rotate alike.
import { useState } from "react";
import { rotateApiTokenAction } from "@/lib/actions/api-tokens";
import { rotateIntegrationAction } from "@/lib/actions/integrations";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, inputClasses } from "@/components/ui/text-field";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import { LocalDateTime } from "@/components/tokens/token-times";
import { TokenSecretPanel, useDiscardGuard } from "@/components/tokens/token-secret-panel";
import { EXPIRATION_PRESETS, GRACE_PERIODS, lifetimeLabel, daysLabel, type ExpirationChoice } from "@/lib/tokens/expiry";

/** The grace period the dialog starts with: 1 hour. */
export const DEFAULT_GRACE_SECONDS = 3600;
const SAME_LIFETIME = "same";

function expirationOfChoice(choice: string): ExpirationChoice | undefined {
  if (choice === SAME_LIFETIME) return undefined;
  return choice === "never" ? { kind: "never" } : { kind: "days", days: Number(choice) };
}

export type RotateTarget = { id: string; name: string; kind: string; lifetimeSeconds: number | null };

type Rotated = { name: string; value: string; tenantUrl: string; expiresAt: string | null; previousValidUntil: string | null; cappedByPolicy: boolean };

export function RotateTokenDialog({
  target,
  maxLifetimeDays,
  example,
  onClose,
}: {
  target: RotateTarget;
  maxLifetimeDays: number | null;
  example?: string;
  onClose: () => void;
}) {
  const [grace, setGrace] = useState(String(DEFAULT_GRACE_SECONDS));
  const [newExpiry, setNewExpiry] = useState(SAME_LIFETIME);
  const [rotated, setRotated] = useState<Rotated | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();
  const { pending, run } = useAction();

  function close() {
    setRotated(null);
    onClose();
  }
  const guard = useDiscardGuard(close);

  const freshSeconds =
    target.lifetimeSeconds === null ? (maxLifetimeDays === null ? null : maxLifetimeDays * 86_400) : maxLifetimeDays === null ? target.lifetimeSeconds : Math.min(target.lifetimeSeconds, maxLifetimeDays * 86_400);
  const capped = freshSeconds !== target.lifetimeSeconds;

  function rotate(event: React.FormEvent) {
    event.preventDefault();
    const graceSeconds = Number(grace);
    run(
      () =>
        target.kind === "API_TOKEN"
          ? rotateApiTokenAction({ tokenId: target.id, graceSeconds, expiration: expirationOfChoice(newExpiry) })
          : rotateIntegrationAction({ kind: target.kind as "SIEM_AGENT" | "LOG_COLLECTOR", id: target.id, graceSeconds }),
      {
        success: (value: Rotated) => `"${value.name}" rotated.`,
        onSuccess: setRotated,
        onFailure: (failure) => {
          setError(failure.error);
          toast.error(failure.error);
        },
      },
    );
  }

  return (
    <Dialog
      open
      onClose={rotated ? guard.requestClose : close}
      title={rotated ? `New value for "${rotated.name}"` : `Rotate "${target.name}"`}
      description={
        rotated ? undefined : (
          <>
            A new value replaces the current one. The token keeps its name, scopes and allowed IP ranges, and{" "}
            {freshSeconds === null ? "still never expires" : `gets a fresh lifetime of ${lifetimeLabel(freshSeconds)} from now`}
            {target.kind === "API_TOKEN" ? " unless you choose a new expiry" : ""}.
            {capped && maxLifetimeDays !== null ? <> (Your organization&apos;s maximum of {daysLabel(maxLifetimeDays)} shortens it.)</> : null}
          </>
        )
      }
    >
      {rotated ? (
        <TokenSecretPanel
          value={rotated.value}
          tenantUrl={rotated.tenantUrl}
          guard={guard}
          example={example}
          note={
            <>
              {rotated.previousValidUntil ? (
                <>
                  The previous value keeps working until <LocalDateTime value={rotated.previousValidUntil} />, then it is refused.
                </>
              ) : (
                <>The previous value no longer works.</>
              )}{" "}
              {rotated.expiresAt ? (
                <>
                  The new value expires on <LocalDateTime value={rotated.expiresAt} />.
                </>
              ) : (
                <>The new value never expires.</>
              )}
              {rotated.cappedByPolicy ? <> Its lifetime was shortened to your organization&apos;s maximum.</> : null}
            </>
          }
        />
      ) : (
        <form onSubmit={rotate} className="space-y-4">
          <Field id="rotate-grace" label="Grace period" hint="How long the current value keeps working, so that whatever uses it can switch to the new one.">
            <select id="rotate-grace" value={grace} onChange={(event) => setGrace(event.target.value)} className={inputClasses} aria-describedby="rotate-grace-hint">
              {GRACE_PERIODS.map((period) => (
                <option key={period.seconds} value={String(period.seconds)}>
                  {period.label}
                </option>
              ))}
            </select>
          </Field>
          {target.kind === "API_TOKEN" ? (
            <Field id="rotate-expiry" label="New expiry" hint="From now. The tenant's maximum lifetime limits the choices.">
              <select id="rotate-expiry" value={newExpiry} onChange={(event) => setNewExpiry(event.target.value)} className={inputClasses} aria-describedby="rotate-expiry-hint">
                <option value={SAME_LIFETIME}>{freshSeconds === null ? "Same: no expiration" : `Same lifetime (${lifetimeLabel(freshSeconds)})`}</option>
                {EXPIRATION_PRESETS.filter((preset) => maxLifetimeDays === null || preset.days <= maxLifetimeDays).map((preset) => (
                  <option key={preset.days} value={String(preset.days)}>
                    {preset.label}
                  </option>
                ))}
                {maxLifetimeDays === null && freshSeconds !== null ? <option value="never">No expiration</option> : null}
              </select>
            </Field>
          ) : null}
          {error ? (
            <p role="alert" className="text-sm text-red-700">
              {error}
            </p>
          ) : null}
          <DialogActions onCancel={close} label="Rotate" pendingLabel="Rotating…" pending={pending} />
        </form>
      )}
    </Dialog>
  );
}
