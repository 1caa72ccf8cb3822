import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading } from "@/components/portal/page-heading";
import { AppRegistrationsList } from "@/components/apps/app-registrations-list";
import { buttonClasses } from "@/components/ui/button";
import { requirePermission } from "@/lib/auth/session";
import { listApps } from "@/lib/oauth/apps";

export const metadata: Metadata = { title: "App registrations" };

export default async function AppRegistrationsPage() {
  const user = await requirePermission("portal.apps.manage");
  const apps = await listApps(user.tenant.id);
  return (
    <section>
      <PageHeading section="Access" title="App registrations">
        Applications that call the API on their own, with no user: they get one-hour access tokens from the OAuth 2.0
        client-credentials endpoint with a client secret, and hold the application permissions an admin consented to.
      </PageHeading>
      <div className="mt-4">
        <Link href="/settings/app-registrations/decode" className={buttonClasses("secondary")}>
          Decode a token
        </Link>
      </div>
      <AppRegistrationsList apps={apps} serverNow={new Date().toISOString()} />
    </section>
  );
}
