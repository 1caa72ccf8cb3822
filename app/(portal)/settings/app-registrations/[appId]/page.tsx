import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeading } from "@/components/portal/page-heading";
import { AppDetailsView } from "@/components/apps/app-details";
import { requirePermission } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getAppDetails } from "@/lib/oauth/apps";
import { RESOURCE_ID } from "@/lib/oauth/constants";
import { tenantUrl } from "@/lib/tenants/tenant-url";

export const metadata: Metadata = { title: "App registration" };

export default async function AppRegistrationPage({ params }: { params: Promise<{ appId: string }> }) {
  const user = await requirePermission("portal.apps.manage");
  const { appId } = await params;
  const app = await getAppDetails(user.tenant.id, appId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const base = tenantUrl(user.tenant.slug);
  return (
    <section>
      <PageHeading section="Access › App registrations" title={app.name} />
      <AppDetailsView
        app={app}
        tenant={{ id: user.tenant.id, name: user.tenant.name }}
        endpoints={{
          tokenV2: `${base}/${user.tenant.id}/oauth2/v2.0/token`,
          tokenV1: `${base}/${user.tenant.id}/oauth2/token`,
          metadata: `${base}/${user.tenant.id}/v2.0/.well-known/openid-configuration`,
          consent: `${base}/common/adminconsent?client_id=${app.id}`,
          resource: RESOURCE_ID,
        }}
        serverNow={new Date().toISOString()}
      />
    </section>
  );
}
