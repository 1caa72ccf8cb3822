// The admin consent page of a multi-tenant app: /{tenantId}/adminconsent?client_id=… (or /common/…).
// A full admin of the tenant reviews the permissions the app asks for and consents for their tenant.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ConsentForm } from "@/components/apps/consent-form";
import { getCurrentUserOrEnded, userMay } from "@/lib/auth/session";
import { consentRequest } from "@/lib/oauth/apps";

export const metadata: Metadata = { title: "Admin consent" };

export default async function AdminConsentPage({ params, searchParams }: { params: Promise<{ tenantId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { tenantId } = await params;
  const query = await searchParams;
  const clientId = typeof query.client_id === "string" ? query.client_id : "";
  const user = await getCurrentUserOrEnded();
  if (!user || user === "ended") redirect(`/signin?next=${encodeURIComponent(`/${tenantId}/adminconsent?client_id=${encodeURIComponent(clientId)}`)}`);

  const problem = (text: string) => (
    <Shell>
      <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
        {text}
      </p>
    </Shell>
  );
  if (tenantId !== "common" && tenantId !== user.tenant.id && tenantId !== user.tenant.slug) {
    return problem(`You are signed in to ${user.tenant.name}: this link asks for consent in another tenant. Sign in as an administrator of that tenant.`);
  }
  if (!userMay(user, "portal.apps.manage")) return problem("Only a Global administrator can consent to an application for the tenant.");
  const request = /^[0-9a-f-]{36}$/.test(clientId) ? await consentRequest(clientId, user.tenant.id) : null;
  if (!request) return problem("No application with this client id exists, or it is disabled.");
  if (!request.allowed) return problem(`${request.app.name} is registered for a single tenant: other tenants cannot consent to it.`);

  return (
    <Shell>
      <h1 className="mt-2 text-xl font-semibold">{request.app.name} asks for access to {user.tenant.name}</h1>
      <p className="mt-1 text-sm text-slate-600">
        Published by the tenant {request.app.publisher}. Application (client) ID <code className="font-mono text-xs">{request.app.id}</code>.
      </p>
      <ConsentForm appId={request.app.id} tenantName={user.tenant.name} scopes={request.scopes} alreadyGranted={request.alreadyGranted} />
    </Shell>
  );
}

function Shell({ children }: { children: React.ReactNode }) {
  return (
    <main className="mx-auto max-w-xl p-10">
      <p className="text-sm font-semibold tracking-wide text-brand-600">KEYPORT · Admin consent</p>
      {children}
    </main>
  );
}
