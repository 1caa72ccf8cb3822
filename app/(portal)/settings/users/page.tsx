import type { Metadata } from "next";
import { NotAllowed, PageHeading } from "@/components/portal/page-heading";
import { requireUser, userMay } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const user = await requireUser();
  return (
    <section>
      <PageHeading section="Access" title="Users" />
      {userMay(user, "portal.users.manage") ? (
        <p className="mt-6 rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-700">
          Managing users from the portal is not available in this version yet.
        </p>
      ) : (
        <NotAllowed what="users" />
      )}
    </section>
  );
}
