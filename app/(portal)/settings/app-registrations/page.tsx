import type { Metadata } from "next";
import { NotAllowed, PageHeading } from "@/components/portal/page-heading";
import { requireUser, userMay } from "@/lib/auth/session";

export const metadata: Metadata = { title: "App registrations" };

export default async function AppRegistrationsPage() {
  const user = await requireUser();
  return (
    <section>
      <PageHeading section="Access" title="App registrations" />
      {userMay(user, "portal.apps.manage") ? (
        <p className="mt-6 rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-700">
          Registering applications for app-context (OAuth 2.0 client credentials) access is not available in this version yet.
        </p>
      ) : (
        <NotAllowed what="app registrations" />
      )}
    </section>
  );
}
