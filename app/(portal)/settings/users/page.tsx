import type { Metadata } from "next";
import { PageHeading } from "@/components/portal/page-heading";
import { UsersManager } from "@/components/users/users-manager";
import { requirePermission } from "@/lib/auth/session";
import { listTenantUsers } from "@/lib/users/manage-users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const user = await requirePermission("portal.users.manage");
  const rows = await listTenantUsers(user.tenant.id);
  return (
    <section>
      <PageHeading section="Access" title="Users">
        People who sign in to {user.tenant.name}. An API token acts with its issuer&apos;s role as it is at each call, so
        a role change or deprovisioning here applies to the user&apos;s tokens at once.
      </PageHeading>
      <UsersManager rows={rows} currentUserId={user.id} serverNow={new Date().toISOString()} />
    </section>
  );
}
