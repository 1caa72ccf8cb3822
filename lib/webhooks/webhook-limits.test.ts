// One tenant cannot crowd the delivery workers every tenant shares: a cap on webhooks per tenant and on
// test events per webhook and minute.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import { createWebhook, MAX_WEBHOOKS_PER_TENANT, sendTestEvent, TEST_EVENTS_PER_MINUTE } from "@/lib/webhooks/manage-webhooks";

async function admin(): Promise<UserActor> {
  const tenant = await createTenant({ slug: `w-${randomBytes(4).toString("hex")}`, name: "Webhook limits" });
  const user = await createUser({ tenantId: tenant.id, email: `admin@${tenant.slug}.test`, name: "Admin", role: "GLOBAL_ADMIN", password: "x".repeat(12) });
  return { tenantId: tenant.id, userId: user.id, label: user.email, role: "GLOBAL_ADMIN" };
}

const codeOf = (promise: Promise<unknown>) => promise.then(() => "ok", (error: unknown) => (error instanceof AppError ? error.code : String(error)));

describe("webhook limits", () => {
  it("a tenant has at most MAX_WEBHOOKS_PER_TENANT webhooks", async () => {
    const actor = await admin();
    for (let index = 0; index < MAX_WEBHOOKS_PER_TENANT; index++) await createWebhook(actor, { url: `https://hooks.example.com/${index}`, description: "", events: ["token.created"] }, "app-secret");
    expect(await codeOf(createWebhook(actor, { url: "https://hooks.example.com/one-more", description: "", events: ["token.created"] }, "app-secret"))).toBe("conflict");
  });

  it("a webhook gets at most TEST_EVENTS_PER_MINUTE test events a minute", async () => {
    const actor = await admin();
    const webhook = await createWebhook(actor, { url: "https://hooks.example.com/tests", description: "", events: ["token.created"] }, "app-secret");
    for (let index = 0; index < TEST_EVENTS_PER_MINUTE; index++) expect(await codeOf(sendTestEvent(actor, webhook.id))).toBe("ok");
    expect(await codeOf(sendTestEvent(actor, webhook.id))).toBe("rate_limited");
  });
});
