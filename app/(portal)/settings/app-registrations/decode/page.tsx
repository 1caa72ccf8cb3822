import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { PageHeading } from "@/components/portal/page-heading";
import { TokenInspector } from "@/components/apps/token-inspector";
import { requireUser, userMay } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Decode a token" };

export default async function DecodeTokenPage() {
  const user = await requireUser();
  if (!userMay(user, "portal.apps.manage")) forbidden();
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
