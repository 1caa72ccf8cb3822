// A restart loses no event: a worker process is killed while an attempt is in flight, a new process
// takes the delivery over once the dead one's lease runs out, and the event arrives, with the same
// id, body and a valid signature (delivery is at least once, so the receiver may see it twice and
// drops the repeat by its webhook-id).
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { authSecret } from "@/lib/auth/auth-secret";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import { createWebhook, deleteWebhook, sendTestEvent, webhookDeliveryLog } from "@/lib/webhooks/manage-webhooks";
import type { UserActor } from "@/lib/actor";

const ROOT = path.resolve(__dirname, "../..");
const children: ChildProcess[] = [];

function startWorkerProcess(name: string): ChildProcess {
  // Node itself with tsx as a loader (not the tsx command, which runs the script in a child of its
  // own): the pid killed is the worker's.
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "lib/scheduler/delivery-worker-process.ts")], {
    cwd: ROOT,
    env: { ...process.env, KEYPORT_WORKER_ID: name, KEYPORT_WEBHOOK_POLL_MS: "100", KEYPORT_WEBHOOK_RETRY_BASE_MS: "200", KEYPORT_WEBHOOK_LEASE_MS: "2000" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  return child;
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
});

describe("webhook delivery across a restart", { timeout: 90_000 }, () => {
  it("delivers an event whose worker was killed mid-attempt, from a new worker process", async () => {
    const received: { headers: Record<string, string>; body: string }[] = [];
    // 1st attempt: 500. 2nd: never answered (the worker dies meanwhile). Then: 200.
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        received.push({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8") });
        if (received.length === 1) res.writeHead(500).end("not yet");
        else if (received.length === 2) return;
        else res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;

    const tenant = await createTenant({ slug: `r-${randomBytes(4).toString("hex")}`, name: "Restart" });
    const admin = await createUser({ tenantId: tenant.id, email: `admin@${tenant.slug}.test`, name: "Admin", role: "GLOBAL_ADMIN", password: "x".repeat(12) });
    const actor: UserActor = { tenantId: tenant.id, userId: admin.id, label: admin.email, role: "GLOBAL_ADMIN" };
    const webhook = await createWebhook(actor, { url, description: "", events: ["token.created"] }, authSecret());
    try {
      const { messageId } = await sendTestEvent(actor, webhook.id);

      const first = startWorkerProcess("first");
      await until("the second attempt to reach the receiver", () => received.length >= 2);
      first.kill("SIGKILL");
      await until("the first worker to die", () => first.exitCode !== null || first.signalCode !== null);
      const midway = (await webhookDeliveryLog(tenant.id, webhook.id)).deliveries[0];
      expect(midway).toMatchObject({ id: messageId, status: "pending", attemptCount: 1, lastStatusCode: 500 });

      const second = startWorkerProcess("second");
      const done = await until("the delivery to succeed", async () => {
        const delivery = (await webhookDeliveryLog(tenant.id, webhook.id)).deliveries[0];
        return delivery.status === "delivered" ? delivery : undefined;
      });
      second.kill("SIGTERM");

      expect(received).toHaveLength(3);
      expect(new Set(received.map((item) => item.headers["webhook-id"]))).toEqual(new Set([messageId]));
      expect(new Set(received.map((item) => item.body)).size).toBe(1);
      for (const item of received) expect(new Webhook(webhook.secret).verify(item.body, item.headers)).toMatchObject({ type: "webhook.test" });
      // The attempt the dead worker never finished is not in the log; the two recorded ones are.
      expect(done.attempts.map((attempt) => attempt.statusCode)).toEqual([500, 204]);
    } finally {
      await deleteWebhook(actor, webhook.id);
      server.closeAllConnections();
      server.close();
    }
  });
});
