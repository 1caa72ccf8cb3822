// The admin consent page of a multi-tenant app: /{tenantId}/adminconsent?client_id=… (or /common/…).
// A full admin of the tenant reviews the permissions the app asks for and consents for their tenant.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ConsentForm } from "@/components/apps/consent-form";
import { SignOutButton } from "@/components/portal/sign-out-button";
import { getCurrentUserOrEnded } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { consentRequest, type ConsentRequest } from "@/lib/oauth/apps";

export const metadata: Metadata = { title: "Admin consent" };

export default async function AdminConsentPage({ params, searchParams }: { params: Promise<{ tenantId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { tenantId } = await params;
  const query = await searchParams;
  const clientId = typeof query.client_id === "string" ? query.client_id : "";
  const here = `/${tenantId}/adminconsent?client_id=${encodeURIComponent(clientId)}`;
  const user = await getCurrentUserOrEnded();
  if (!user || user === "ended") redirect(`/signin?next=${encodeURIComponent(here)}`);

  const page = await consentRequestOrRefusal({ tenantId: user.tenant.id, tenantSlug: user.tenant.slug, tenantName: user.tenant.name, role: user.role }, tenantId, clientId);
  if ("refusal" in page) {
    // Never a dead end: say why, and offer the ways on (back to the portal, or sign in as someone else).
    return (
      <Shell>
        <h1 className="mt-2 text-xl font-semibold">This consent request cannot go ahead</h1>
        <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {page.refusal}
        </p>
        <p className="mt-2 text-sm text-slate-600">
          Signed in as {user.email} ({user.roleLabel} of {user.tenant.name}).
        </p>
        <div className="mt-6 flex flex-wrap items-center gap-3">
          <Link href="/settings/api-tokens" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
            Back to the portal
          </Link>
          <SignOutButton callbackUrl={`/signin?next=${encodeURIComponent(here)}`} label="Sign in as another user" />
        </div>
      </Shell>
    );
  }
  return (
    <Shell>
      <h1 className="mt-2 text-xl font-semibold">
        {page.app.name} asks for access to {user.tenant.name}
      </h1>
      <p className="mt-1 text-sm text-slate-600">
        Published by the tenant {page.app.publisher}. Application (client) ID <code className="font-mono text-xs break-all">{page.app.id}</code>.
      </p>
      <ConsentForm appId={page.app.id} tenantName={user.tenant.name} scopes={page.scopes} alreadyGranted={page.alreadyGranted} />
    </Shell>
  );
}

/** The request to review, or why the signed-in user cannot consent to it. */
async function consentRequestOrRefusal(...args: Parameters<typeof consentRequest>): Promise<ConsentRequest | { refusal: string }> {
  try {
    return await consentRequest(...args);
  } catch (error) {
    if (isAppError(error) && (error.code === "forbidden" || error.code === "not_found")) return { refusal: error.message };
    throw error;
  }
}

function Shell({ children }: { children: React.ReactNode }) {
  return (
    <main id="main" className="mx-auto max-w-xl p-6 sm:p-10">
      <p className="text-sm font-semibold tracking-wide text-brand-700">KEYPORT · Admin consent</p>
      {children}
    </main>
  );
}
