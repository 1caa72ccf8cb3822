import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeNext } from "@/lib/auth/safe-next";
import { getCurrentUser } from "@/lib/auth/session";
import { signInErrorMessage } from "@/lib/users/sign-in-messages";
import { presentDemoAccounts } from "@/lib/seed/demo-accounts";
import { providerSignOutUrl } from "@/lib/identity/sso-sign-in";
import { uuidSchema } from "@/lib/validation/common";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // Only a path on this site, however it is dressed up: never an open redirect, never a 500.
  const next = safeNext(params.next);
  if (await getCurrentUser()) redirect(next);
  // next-auth sends a refused sign-in made without JavaScript back here with an error code.
  const error = typeof params.error === "string" ? signInErrorMessage(params.error) : null;
  const demo = await presentDemoAccounts();
  // Signed out of a session made by single sign-on: the provider's own sign-out is offered too.
  const ssoTenant = params.signedOut === "sso" ? uuidSchema.safeParse(params.tenant) : null;
  const providerSignOut = ssoTenant?.success ? await providerSignOutUrl(ssoTenant.data) : null;
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-sm font-semibold tracking-wide text-brand-600">KEYPORT</p>
        <h1 className="mt-1 text-2xl font-semibold">Sign in to your tenant</h1>
        {params.changed ? (
          <p role="status" className="mt-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">Your password has been changed. Sign in with the new one.</p>
        ) : params.ended ? (
          <p role="status" className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">Your session has ended. Sign in again.</p>
        ) : providerSignOut ? (
          <p role="status" className="mt-4 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-800">
            You are signed out of Keyport.{" "}
            <a href={providerSignOut} className="text-brand-700 underline">
              Sign out of your identity provider too
            </a>
          </p>
        ) : null}
        <SignInForm next={next} initialError={error} initialEmail={typeof params.email === "string" ? params.email.slice(0, 320) : ""} />
        {demo ? (
          <section aria-labelledby="demo-accounts-title" className="mt-6 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">
            <h2 id="demo-accounts-title" className="font-medium">
              Demo accounts
            </h2>
            <ul className="mt-1 space-y-0.5">
              {demo.accounts.map((account) => (
                <li key={account.email}>
                  <span className="font-mono text-xs break-all">{account.email}</span> ({account.roleLabel}, {account.tenant})
                </li>
              ))}
            </ul>
            <p className="mt-1">The password is {demo.password}.</p>
          </section>
        ) : null}
      </div>
    </main>
  );
}
