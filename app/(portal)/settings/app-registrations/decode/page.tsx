import type { Metadata } from "next";
import { PageHeading } from "@/components/portal/page-heading";
import { TokenInspector } from "@/components/apps/token-inspector";
import { requirePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Decode a token" };

export default async function DecodeTokenPage() {
  const user = await requirePermission("portal.apps.manage");
  return (
    <section>
      <PageHeading section="Access › App registrations" title="Decode a token">
        Paste an access token to see its header and claims, and whether the API of {user.tenant.name} accepts it. The
        token is checked by this Keyport server only; it is not sent anywhere else, and not stored.
      </PageHeading>
      <TokenInspector />
    </section>
  );
}
