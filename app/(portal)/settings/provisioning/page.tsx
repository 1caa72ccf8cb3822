import type { Metadata } from "next";
import { PageHeading } from "@/components/portal/page-heading";
import { ProvisioningSettings } from "@/components/provisioning/provisioning-settings";
import { requirePermission } from "@/lib/auth/session";
import { scimSecretCreatedAt } from "@/lib/scim/secret-token";
import { scimBase } from "@/lib/scim/user-resource";

export const metadata: Metadata = { title: "Provisioning" };

/** The tenant's SCIM provisioning credentials (full admins only; others get the 403 page). */
export default async function ProvisioningPage() {
  const user = await requirePermission("portal.provisioning.manage");
  const createdAt = await scimSecretCreatedAt(user.tenant.id);
  return (
    <section>
      <PageHeading section="Access" title="Provisioning">
        Your identity provider (Entra ID, Okta, any SCIM 2.0 client) creates, updates and deprovisions the people of {user.tenant.name} through SCIM. A
        person it turns inactive or deletes is deprovisioned as on the Users page: their sessions end and their API tokens are refused.
      </PageHeading>
      <ProvisioningSettings tenantUrl={scimBase()} secretCreatedAt={createdAt?.toISOString() ?? null} serverNow={new Date().toISOString()} />
    </section>
  );
}
