// One app registration's page, one component per section: overview, API permissions with admin
// consent, certificates & secrets, and disable or delete.
import { AppDangerZone } from "@/components/apps/app-danger-zone";
import { AppOverview, type AppEndpoints } from "@/components/apps/app-overview";
import { AppPermissions } from "@/components/apps/app-permissions";
import { AppSecrets } from "@/components/apps/app-secrets";
import type { AppDetails } from "@/lib/oauth/apps";

export function AppDetailsView({ app, tenant, endpoints, serverNow }: { app: AppDetails; tenant: { id: string; name: string }; endpoints: AppEndpoints; serverNow: string }) {
  return (
    <div className="mt-6 space-y-8">
      <AppOverview app={app} tenant={tenant} endpoints={endpoints} />
      <AppPermissions app={app} tenant={tenant} serverNow={serverNow} />
      <AppSecrets app={app} serverNow={serverNow} />
      <AppDangerZone app={app} />
    </div>
  );
}
