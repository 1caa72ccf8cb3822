import type { Metadata } from "next";
import { PageHeading } from "@/components/portal/page-heading";
import { UsersManager } from "@/components/users/users-manager";
import { requirePermission } from "@/lib/auth/session";
import { isFullAdmin } from "@/lib/permissions";
import { listTenantUsers } from "@/lib/users/manage-users";
import { selectUsers, userTableQuerySchema } from "@/lib/users/user-table-query";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("portal.users.manage");
  const query = userTableQuerySchema.parse(await searchParams);
  const all = await listTenantUsers(user.tenant.id);
  // The server refuses to demote or deprovision the last active full admin; the page says so up front.
  const activeAdmins = all.filter((row) => isFullAdmin(row.role) && row.deprovisionedAt === null);
  return (
    <section>
      <PageHeading section="Access" title="Users">
        People who sign in to {user.tenant.name}. An API token acts with its issuer&apos;s role as it is at each call, so
        a role change or deprovisioning here applies to the user&apos;s tokens at once.
      </PageHeading>
      <UsersManager
        rows={selectUsers(all, query)}
        total={all.length}
        query={query}
        currentUserId={user.id}
        lastActiveAdminId={activeAdmins.length === 1 ? activeAdmins[0].id : null}
        serverNow={new Date().toISOString()}
      />
    </section>
  );
}
