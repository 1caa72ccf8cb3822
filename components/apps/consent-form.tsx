"use client";
// The admin consent page's review: the permissions an app asks for, and Accept for the admin's tenant.
import { useEffect, useRef, useState } from "react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { grantConsentForTenantAction } from "@/lib/actions/consent";
import { SCOPE_DESCRIPTIONS, type Scope } from "@/lib/permissions";

export function ConsentForm({ appId, tenantName, scopes, alreadyGranted }: { appId: string; tenantName: string; scopes: Scope[]; alreadyGranted: Scope[] }) {
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const { pending, run } = useAction();
  const doneRef = useRef<HTMLDivElement>(null);
  // The Accept button goes away with the form: focus moves to what happened, which is read out.
  useEffect(() => {
    if (outcome?.ok) doneRef.current?.focus();
  }, [outcome]);
  if (outcome?.ok) {
    return (
      <div ref={doneRef} tabIndex={-1} role="status" className="mt-6 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 focus:outline-none">
        {outcome.text}{" "}
        <Link href="/settings/api-tokens" className="underline">
          Back to the portal
        </Link>
      </div>
    );
  }
  return (
    <div className="mt-6">
      <h2 className="font-medium">Permissions requested</h2>
      {scopes.length ? (
        <ul className="mt-2 space-y-1 text-sm">
          {scopes.map((scope) => (
            <li key={scope}>
              <code className="font-mono text-xs">{scope}</code> <span className="text-slate-600">(application){alreadyGranted.includes(scope) ? " · already granted" : ""}</span>
              <span className="block text-slate-600">{SCOPE_DESCRIPTIONS[scope]}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-sm text-slate-600">The application asks for no permissions yet.</p>
      )}
      <p className="mt-4 text-sm text-slate-600">
        Accepting lets the application get access tokens for {tenantName} and call its API with these permissions, with no
        user signed in, until an administrator revokes the consent.
      </p>
      {outcome ? (
        <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {outcome.text}
        </p>
      ) : null}
      <div className="mt-4 flex gap-2">
        <Button
          variant="primary"
          disabled={pending}
          onClick={() =>
            run(() => grantConsentForTenantAction({ appId }), {
              onSuccess: (granted) => setOutcome({ ok: true, text: `Consent granted for ${tenantName}: ${granted.scopes.join(", ") || "no permissions"}.` }),
              onFailure: (failure) => setOutcome({ ok: false, text: failure.error }),
            })
          }
        >
          Accept
        </Button>
        <Link href="/settings/api-tokens" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100">
          Cancel
        </Link>
      </div>
    </div>
  );
}
