"use client";
// The sign-in form. Empty fields are caught here, with a message under each, before anything goes to
// the server. A refusal marks both fields invalid, described by the message, and puts the cursor back
// in the password field. After signing in, the browser goes to `next`, checked again here: only ever
// a path of this site.
import { useRef, useState } from "react";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { DEFAULT_NEXT, safeNext } from "@/lib/auth/safe-next";
import { signInErrorMessage } from "@/lib/users/sign-in-messages";

type FieldErrors = { email?: string; password?: string };

const ERROR_ID = "signin-error";
const INPUT_CLASSES = "mt-1 w-full rounded-md border border-slate-300 px-3 py-2 aria-invalid:border-red-600";

export function SignInForm({ next = DEFAULT_NEXT, initialError = null, initialEmail = "" }: { next?: string; initialError?: string | null; initialEmail?: string }) {
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(initialError);
  // Whether the message is about the credentials (then both fields are marked), not the server.
  const [credentialsRefused, setCredentialsRefused] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  function refuse(message: string, aboutCredentials: boolean) {
    setError(message);
    setCredentialsRefused(aboutCredentials);
    setPending(false);
    // The cursor goes back where the person will type again; the field is described by the message.
    requestAnimationFrame(() => {
      passwordRef.current?.focus();
      passwordRef.current?.select();
    });
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const missing: FieldErrors = {
      ...(email ? {} : { email: "Enter your email." }),
      ...(password ? {} : { password: "Enter your password." }),
    };
    setFieldErrors(missing);
    if (missing.email || missing.password) {
      setError(null);
      setCredentialsRefused(false);
      (missing.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", { email, password, redirect: false });
      if (!result?.ok || result.error) {
        const code = result?.error ?? "CredentialsSignin";
        refuse(signInErrorMessage(code) ?? signInErrorMessage("CredentialsSignin")!, code === "CredentialsSignin");
        return;
      }
      // A full navigation, so every server component renders for the new session.
      window.location.assign(safeNext(next));
    } catch {
      refuse("Could not reach the server. Try again.", false);
    }
  }

  // Single sign-on needs only the email: its domain names the tenant whose provider the browser goes to.
  function signInWithSso() {
    const email = emailRef.current?.value.trim() ?? "";
    if (!email) {
      setFieldErrors({ email: "Enter your email." });
      setError(null);
      setCredentialsRefused(false);
      emailRef.current?.focus();
      return;
    }
    setFieldErrors({});
    setError(null);
    setPending(true);
    window.location.assign(`/signin/sso?${new URLSearchParams({ email, next: safeNext(next) })}`);
  }

  const describedBy = (field: keyof FieldErrors) => (fieldErrors[field] ? `${field}-error` : credentialsRefused && error ? ERROR_ID : undefined);
  const invalid = (field: keyof FieldErrors) => (fieldErrors[field] || (credentialsRefused && error) ? true : undefined);

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate data-hydrated={hydrated ? "true" : undefined}>
      <div>
        <label htmlFor="email" className="block text-sm font-medium">
          Email
        </label>
        <input
          ref={emailRef}
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          defaultValue={initialEmail}
          aria-invalid={invalid("email")}
          aria-describedby={describedBy("email")}
          onChange={() => fieldErrors.email && setFieldErrors((current) => ({ ...current, email: undefined }))}
          className={INPUT_CLASSES}
        />
        {fieldErrors.email ? (
          <p id="email-error" className="mt-1 text-sm text-red-700">
            {fieldErrors.email}
          </p>
        ) : null}
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          Password
        </label>
        <input
          ref={passwordRef}
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={invalid("password")}
          aria-describedby={describedBy("password")}
          onChange={() => fieldErrors.password && setFieldErrors((current) => ({ ...current, password: undefined }))}
          className={INPUT_CLASSES}
        />
        {fieldErrors.password ? (
          <p id="password-error" className="mt-1 text-sm text-red-700">
            {fieldErrors.password}
          </p>
        ) : null}
      </div>
      {error ? (
        <p id={ERROR_ID} role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <Button type="submit" variant="primary" className="w-full py-2" disabled={!hydrated || pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <div className="flex items-center gap-3 text-xs text-slate-500" aria-hidden="true">
        <span className="h-px flex-1 bg-slate-200" />
        or
        <span className="h-px flex-1 bg-slate-200" />
      </div>
      <Button type="button" variant="secondary" className="w-full py-2" disabled={!hydrated || pending} onClick={signInWithSso}>
        Sign in with single sign-on
      </Button>
    </form>
  );
}
