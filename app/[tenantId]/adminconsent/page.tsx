// The admin consent page of a multi-tenant app: /{tenantId}/adminconsent?client_id=… (or /common/…).
// A full admin of the tenant reviews the permissions the app asks for and consents for their tenant.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ConsentForm } from "@/components/apps/consent-form";
import { getCurrentUserOrEnded } from "@/lib/auth/session";
import { consentPage } from "@/lib/oauth/apps";

export const metadata: Metadata = { title: "Admin consent" };

export default async function AdminConsentPage({ params, searchParams }: { params: Promise<{ tenantId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { tenantId } = await params;
  const query = await searchParams;
  const clientId = typeof query.client_id === "string" ? query.client_id : "";
  const user = await getCurrentUserOrEnded();
  if (!user || user === "ended") redirect(`/signin?next=${encodeURIComponent(`/${tenantId}/adminconsent?client_id=${encodeURIComponent(clientId)}`)}`);

  const page = await consentPage({ tenantId: user.tenant.id, tenantSlug: user.tenant.slug, tenantName: user.tenant.name, role: user.role }, tenantId, clientId);
  if (page.problem !== null) {
    return (
      <Shell>
        <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {page.problem}
        </p>
      </Shell>
    );
  }
  return (
    <Shell>
      <h1 className="mt-2 text-xl font-semibold">{page.app.name} asks for access to {user.tenant.name}</h1>
      <p className="mt-1 text-sm text-slate-600">
        Published by the tenant {page.app.publisher}. Application (client) ID <code className="font-mono text-xs">{page.app.id}</code>.
      </p>
      <ConsentForm appId={page.app.id} tenantName={user.tenant.name} scopes={page.scopes} alreadyGranted={page.alreadyGranted} />
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
