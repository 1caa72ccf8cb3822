import type { Metadata } from "next";
import { SettingsBreadcrumbs } from "@/components/portal/page-heading";
import { notFound } from "next/navigation";
import { DeliveryLog } from "@/components/webhooks/delivery-log";
import { requirePermission } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { webhookDeliveryLog } from "@/lib/webhooks/manage-webhooks";
import { webhookTargetSchema } from "@/lib/webhooks/schemas";

export const metadata: Metadata = { title: "Webhook delivery log" };

export default async function WebhookDeliveryLogPage({ params }: { params: Promise<{ webhookId: string }> }) {
  const user = await requirePermission("portal.webhooks.manage");
  const parsed = webhookTargetSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const log = await webhookDeliveryLog(user.tenant.id, parsed.data.webhookId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  return (
    <section>
      <SettingsBreadcrumbs section="Security extensions › Webhooks" />
      <h1 className="mt-1 text-2xl font-semibold">Delivery log</h1>
      <p className="mt-1 font-mono text-sm [overflow-wrap:anywhere]">{log.webhook.url}</p>
      {log.webhook.description ? <p className="text-sm text-slate-600">{log.webhook.description}</p> : null}
      <p className="mt-1 text-sm text-slate-600">Receives: {log.webhook.events.join(", ")}. The newest 50 deliveries, each with every attempt.</p>
      <DeliveryLog webhook={log.webhook} deliveries={log.deliveries} serverNow={new Date().toISOString()} />
    </section>
  );
}
