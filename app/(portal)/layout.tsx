import { cookies } from "next/headers";
import { PortalHeader } from "@/components/portal/portal-header";
import { LeakedTokenNotice } from "@/components/tokens/leaked-token-notice";
import { requireUser } from "@/lib/auth/session";
import { tenantUrl } from "@/lib/tenants/tenant-url";
import { LEAK_NOTICE_COOKIE, leakNoticesFor, seenUntilOf } from "@/lib/tokens/leak-notices";
import { KEYPORT_VERSION } from "@/lib/version";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const seenUntil = seenUntilOf((await cookies()).get(LEAK_NOTICE_COOKIE)?.value, user.id);
  const leakNotices = await leakNoticesFor({ tenantId: user.tenant.id, userId: user.id }, seenUntil);
  return (
    <div className="min-h-screen">
      <PortalHeader
        user={{ name: user.name, email: user.email, roleLabel: user.roleLabel }}
        tenant={{ ...user.tenant, url: tenantUrl(user.tenant.slug) }}
        version={KEYPORT_VERSION}
        signedOutUrl={user.viaSso ? `/signin?${new URLSearchParams({ signedOut: "sso", tenant: user.tenant.id })}` : "/signin"}
      />
      <LeakedTokenNotice notices={leakNotices} />
      {children}
    </div>
  );
}
