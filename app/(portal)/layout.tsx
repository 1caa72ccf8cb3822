import { PortalHeader } from "@/components/portal/portal-header";
import { requireUser } from "@/lib/auth/session";
import { tenantUrl } from "@/lib/tenants/tenant-url";
import { KEYPORT_VERSION } from "@/lib/version";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <div className="min-h-screen">
      <PortalHeader
        user={{ name: user.name, email: user.email, roleLabel: user.roleLabel }}
        tenant={{ ...user.tenant, url: tenantUrl(user.tenant.slug) }}
        version={KEYPORT_VERSION}
      />
      {children}
    </div>
  );
}
