"use client";
// Deprovision, reprovision, reset a password, lift a sign-in lock or revoke every API token of a
// person, after a confirmation that names them. A refusal (the last administrator, a session that
// ended) is shown inside the dialog. A reset swaps the confirmation for the new password, in the same
// dialog.
import Link from "next/link";
import { useEffect, useState } from "react";
import { Dialog, DialogActions, DialogError } from "@/components/ui/dialog";
import { useAction, type ActionFailure } from "@/components/ui/use-action";
import { PasswordPanel } from "@/components/users/password-panel";
import { revokeAllTokensOfUserAction } from "@/lib/actions/api-tokens";
import { liveTokenNamesAction, resetUserPasswordAction, setUserProvisioningAction, unlockUserSignInAction } from "@/lib/actions/users";
import type { TenantUserRow } from "@/lib/users/manage-users";

export type UserChange = { mode: "deprovision" | "reprovision" | "reset" | "revokeTokens" | "unlock"; row: TenantUserRow };

export function tokensPhrase(count: number): string {
  return count === 0 ? "no API tokens" : count === 1 ? "1 API token" : `${count} API tokens`;
}

const CONFIRM_TEXT: Record<UserChange["mode"], { title: (row: TenantUserRow) => string; body: (row: TenantUserRow) => string; button: string; pending: string }> = {
  deprovision: {
    title: (row) => `Deprovision ${row.name}?`,
    body: (row) =>
      row.apiTokenCount === 0
        ? `${row.name} is signed out at once and can no longer sign in. They have no API tokens.`
        : `${row.name} is signed out at once and can no longer sign in. Their ${tokensPhrase(row.apiTokenCount)} ${row.apiTokenCount === 1 ? "is" : "are"} kept, but every call with ${row.apiTokenCount === 1 ? "it" : "them"} is refused with "permission denied" until you reprovision them; you can also revoke ${row.apiTokenCount === 1 ? "it" : "them"} on the API tokens page.`,
    button: "Deprovision",
    pending: "Deprovisioning…",
  },
  reprovision: {
    title: (row) => `Reprovision ${row.name}?`,
    body: (row) =>
      row.apiTokenCount === 0
        ? `${row.name} can sign in again.`
        : `${row.name} can sign in again, and their ${tokensPhrase(row.apiTokenCount)} ${row.apiTokenCount === 1 ? "works" : "work"} again with the privileges of their role.`,
    button: "Reprovision",
    pending: "Reprovisioning…",
  },
  revokeTokens: {
    title: (row) => (row.apiTokenCount === 1 ? `Revoke the API token of ${row.name}?` : `Revoke all ${row.apiTokenCount} API tokens of ${row.name}?`),
    body: (row) =>
      `Every script or tool using ${row.apiTokenCount === 1 ? "it" : "any of them"} is refused from now on. ${row.name} can still sign in and generate new tokens unless you also deprovision them. This cannot be undone.`,
    button: "Revoke all",
    pending: "Revoking…",
  },
  unlock: {
    title: (row) => `Unlock ${row.name}?`,
    body: (row) =>
      `${row.name} has been locked out of sign-in by too many failed sign-ins for their email. Unlocking lets them sign in again at once. If the failures were not theirs, someone may be guessing their password: a browser ${row.name} signed in with before still lets them in while locked.`,
    button: "Unlock",
    pending: "Unlocking…",
  },
  reset: {
    title: (row) => `Reset the password of ${row.name}?`,
    body: (row) => `Keyport generates a new password and shows it to you once. ${row.name}'s open sessions end at once.`,
    button: "Reset password",
    pending: "Resetting…",
  },
};

export function UserChangeDialog({
  change,
  onClose,
  onProvisioningChanged,
  returnFocus,
}: {
  change: UserChange;
  onClose: () => void;
  /** After a (de)provisioning, said by the page's own message rather than a toast. */
  onProvisioningChanged: (announcement: string) => void;
  returnFocus: () => HTMLElement | null;
}) {
  const { mode, row } = change;
  const { pending, run } = useAction();
  const [error, setError] = useState<string | null>(null);
  const [password, setPassword] = useState<string | null>(null);
  const text = CONFIRM_TEXT[mode];
  const onFailure = (failure: ActionFailure) => setError(failure.error);

  function confirm() {
    if (mode === "revokeTokens") {
      // Offboarding: every API token of the person stops working at once.
      return run(() => revokeAllTokensOfUserAction({ userId: row.id }), {
        success: ({ count }) => (count === 1 ? `1 API token of ${row.name} revoked.` : `${count} API tokens of ${row.name} revoked.`),
        onSuccess: onClose,
        onFailure,
      });
    }
    if (mode === "unlock") {
      return run(() => unlockUserSignInAction({ userId: row.id }), {
        success: ({ wasLocked }) => (wasLocked ? `${row.name} is unlocked and can sign in again.` : `${row.name} was no longer locked.`),
        onSuccess: onClose,
        onFailure,
      });
    }
    if (mode === "reset") {
      return run(() => resetUserPasswordAction({ userId: row.id }), {
        success: `Password of ${row.name} reset. Their open sessions have ended.`,
        onSuccess: (reset) => (reset.password ? setPassword(reset.password) : onClose()),
        onFailure,
      });
    }
    const provisioned = mode === "reprovision";
    run(() => setUserProvisioningAction({ userId: row.id, provisioned }), {
      onSuccess: () =>
        onProvisioningChanged(
          provisioned
            ? `${row.name} is active again${row.apiTokenCount ? ", and so are their API tokens" : ""}.`
            : `${row.name} is deprovisioned.${row.apiTokenCount ? " Their API tokens are refused from now on." : ""}`,
        ),
      onFailure,
    });
  }

  if (password !== null) {
    return (
      <Dialog open onClose={onClose} title={`New password for ${row.name}`}>
        <PasswordPanel password={password} onClose={onClose} />
      </Dialog>
    );
  }
  return (
    <Dialog open onClose={onClose} title={text.title(row)} description={text.body(row)} returnFocus={returnFocus}>
      <DialogError message={error} />
      {mode === "deprovision" && row.apiTokenCount > 0 ? <TokensThatStop row={row} /> : null}
      <DialogActions onCancel={onClose} onConfirm={confirm} variant={mode === "deprovision" || mode === "revokeTokens" ? "danger" : "primary"} pending={pending} pendingLabel={text.pending} label={text.button} />
    </Dialog>
  );
}

/**
 * Deprovisioning: the person's tokens that will stop working (their integrations break), and the way out
 * for an integration that must outlive them: a service account with a token of its own.
 */
function TokensThatStop({ row }: { row: TenantUserRow }) {
  const [names, setNames] = useState<string[] | null>(null);
  useEffect(() => {
    let current = true;
    void liveTokenNamesAction({ userId: row.id }).then((result) => {
      if (current) setNames(result.ok ? result.value : []);
    });
    return () => {
      current = false;
    };
  }, [row.id]);
  const more = names ? row.apiTokenCount - names.length : 0;
  return (
    <div className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950">
      <p className="font-medium" id={`stopping-tokens-${row.id}`}>
        {row.apiTokenCount === 1 ? "This token stops working" : "These tokens stop working"}: whatever uses {row.apiTokenCount === 1 ? "it" : "them"} breaks.
      </p>
      {names === null ? (
        <p role="status">Loading the tokens…</p>
      ) : (
        <ul aria-labelledby={`stopping-tokens-${row.id}`} className="mt-1 list-disc pl-5 [overflow-wrap:anywhere]">
          {names.map((name, index) => (
            <li key={`${index}-${name}`}>{name}</li>
          ))}
          {more > 0 ? <li>and {more} more</li> : null}
        </ul>
      )}
      <p className="mt-2">
        An integration that must keep working belongs to a{" "}
        <Link href="/settings/service-accounts" className="text-brand-700 underline">
          service account
        </Link>
        : add one and give it a token of its own before you deprovision {row.name}.
      </p>
    </div>
  );
}
