import type { Metadata } from "next";
import { PageHeading } from "@/components/portal/page-heading";
import { ChangePasswordForm } from "@/components/users/change-password-form";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "My account" };

export default async function AccountPage() {
  const user = await requireUser();
  return (
    <section>
      <PageHeading section="Access" title="My account">
        Signed in as {user.name} ({user.email}), {user.roleLabel} of {user.tenant.name}.
      </PageHeading>
      <ChangePasswordForm />
    </section>
  );
}
