import type { Metadata } from "next";
import { PageHeading } from "@/components/portal/page-heading";
import { ServiceAccountsManager } from "@/components/service-accounts/service-accounts-manager";
import { requirePermission } from "@/lib/auth/session";
import { actorOfUser } from "@/lib/actions/safe-action";
import { listServiceAccounts, toRow } from "@/lib/service-accounts/manage-service-accounts";

export const metadata: Metadata = { title: "Service accounts" };

export default async function ServiceAccountsPage() {
  const user = await requirePermission("portal.serviceAccounts.manage");
  const { data } = await listServiceAccounts(actorOfUser(user));
  return (
    <section>
      <PageHeading section="Access" title="Service accounts">
        Identities for integrations, not people: their tokens hold the account&apos;s role and keep working when the person who made
        them leaves. A service account cannot sign in.
      </PageHeading>
      <ServiceAccountsManager rows={data.map(toRow)} />
    </section>
  );
}
