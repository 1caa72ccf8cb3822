"use client";
// Settings › Single sign-on: the tenant's identity provider, its email domains and how its groups map
// to roles. The client secret is write-only: the field stays empty, and an empty field keeps the saved one.
import { useState } from "react";
import { saveSingleSignOnAction } from "@/lib/actions/single-sign-on";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, TextField, fieldAria, inputClasses } from "@/components/ui/text-field";
import { useAction } from "@/components/ui/use-action";
import { useHydrated } from "@/components/ui/use-hydrated";
import { DEFAULT_ROLE_LABELS } from "@/lib/identity/schemas";
import { DEFAULT_ROLES } from "@/lib/identity/role-groups";
import type { SsoSettingsView } from "@/lib/identity/sso-settings";

/** What the form starts from: the saved settings as lib/identity shows them (the secret only said to exist). */
export type SingleSignOnFormValues = SsoSettingsView;

type FieldErrors = Record<string, string[] | undefined>;

export function SingleSignOnForm({ initial, redirectUri }: { initial: SingleSignOnFormValues; redirectUri: string }) {
  const hydrated = useHydrated();
  const { pending, run } = useAction();
  const [values, setValues] = useState({ ...initial, clientSecret: "" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = (field: keyof typeof values) => (value: string | boolean) => setValues((current) => ({ ...current, [field]: value }));

  function save(event: React.FormEvent) {
    event.preventDefault();
    setFormError(null);
    const { hasClientSecret: _unused, ...input } = values;
    void _unused;
    run(() => saveSingleSignOnAction(input), {
      success: "Single sign-on saved.",
      onSuccess: () => {
        setErrors({});
        setValues((current) => ({ ...current, clientSecret: "", hasClientSecret: current.hasClientSecret || current.clientSecret !== "" }));
      },
      onFailure: (failure) => {
        setErrors(failure.fieldErrors ?? {});
        setFormError(failure.error);
      },
    });
  }

  const text = (id: string, field: "issuerUrl" | "clientId" | "emailDomains" | "adminGroup" | "operatorGroup" | "readerGroup", label: string, hint?: React.ReactNode, extra: Omit<React.InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "id"> = {}) => (
    <TextField id={id} label={label} hint={hint} error={errors[field]} value={values[field]} onValue={set(field)} {...extra} />
  );

  return (
    <form onSubmit={save} noValidate className="mt-6 max-w-2xl space-y-5 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <fieldset className="space-y-4">
        <legend className="text-base font-semibold">Identity provider</legend>
        {text("sso-issuer", "issuerUrl", "Issuer URL", "The provider's issuer, as its discovery document names it. Saving reads <issuer>/.well-known/openid-configuration.", {
          type: "url",
          inputMode: "url",
          autoComplete: "off",
          spellCheck: false,
        })}
        {text("sso-client-id", "clientId", "Client ID", undefined, { autoComplete: "off", spellCheck: false })}
        <TextField
          id="sso-client-secret"
          label="Client secret"
          type="password"
          autoComplete="new-password"
          hint={values.hasClientSecret ? "A secret is saved. Leave empty to keep it; type a new one to replace it." : "Shown only while you type it: once saved it is never sent to a browser again."}
          error={errors.clientSecret}
          value={values.clientSecret}
          onValue={set("clientSecret")}
        />
        {text("sso-domains", "emailDomains", "Email domains", "Comma separated, like example.com, example.org. People with these email domains sign in through this provider.", {
          autoComplete: "off",
          spellCheck: false,
        })}
        <Field id="sso-redirect-uri" label="Redirect URI" hint="Register this callback at the provider.">
          <div className="flex gap-2">
            <input id="sso-redirect-uri" readOnly value={redirectUri} className={inputClasses} aria-describedby="sso-redirect-uri-hint" />
            <CopyButton value={redirectUri} label="Copy the redirect URI" what="Redirect URI" className="mt-1" />
          </div>
        </Field>
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="text-base font-semibold">Roles from the provider&apos;s groups</legend>
        <p className="text-sm text-slate-600">
          A group&apos;s name or id, as it appears in the ID token&apos;s <code>groups</code> or <code>roles</code> claim. At each sign-in the highest role
          whose group the person is in applies; in none, the default role.
        </p>
        {text("sso-admin-group", "adminGroup", "Global administrator group", undefined, { autoComplete: "off" })}
        {text("sso-operator-group", "operatorGroup", "Security operator group", undefined, { autoComplete: "off" })}
        {text("sso-reader-group", "readerGroup", "Security reader group", undefined, { autoComplete: "off" })}
        <Field id="sso-default-role" label="Default role" hint="For a person in none of the groups. No access refuses their sign-in." error={errors.defaultRole}>
          <select
            id="sso-default-role"
            value={values.defaultRole}
            onChange={(event) => set("defaultRole")(event.target.value)}
            className={inputClasses}
            {...fieldAria({ id: "sso-default-role", hint: true, error: errors.defaultRole })}
          >
            {DEFAULT_ROLES.map((role) => (
              <option key={role} value={role}>
                {DEFAULT_ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </Field>
      </fieldset>
      <div className="flex items-start gap-2">
        <input id="sso-require" type="checkbox" checked={values.requireSso} onChange={(event) => set("requireSso")(event.target.checked)} className="mt-1 h-4 w-4" aria-describedby="sso-require-hint" />
        <div>
          <label htmlFor="sso-require" className="text-sm font-medium">
            Require single sign-on
          </label>
          <p id="sso-require-hint" className="text-sm text-slate-500">
            Password sign-in is refused for this tenant&apos;s users, except Global administrators (the break-glass way in; each such sign-in is audited and
            listed below).
          </p>
        </div>
      </div>
      {formError ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      <Button type="submit" variant="primary" disabled={!hydrated || pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}
