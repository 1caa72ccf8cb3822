import type { Metadata } from "next";
import { PageHeading } from "@/components/portal/page-heading";
import { WebhooksManager } from "@/components/webhooks/webhooks-manager";
import { requirePermission } from "@/lib/auth/session";
import { listWebhooks } from "@/lib/webhooks/manage-webhooks";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const user = await requirePermission("portal.webhooks.manage");
  return (
    <section>
      <PageHeading section="Security extensions" title="Webhooks">
        Keyport posts token and user events to these URLs as JSON, signed with each webhook&apos;s own secret (Standard Webhooks), and retries
        with backoff for 24 hours until the endpoint answers 2xx.
      </PageHeading>
      <WebhooksManager rows={await listWebhooks(user.tenant.id)} serverNow={new Date().toISOString()} />
    </section>
  );
}
