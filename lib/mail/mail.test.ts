// Mail to a token's owner, end to end below HTTP: the expiry scan and a leak report write the mail in
// their own transactions, and the mail job delivers it to a real SMTP server once, retrying what the
// server refused. Without a mail server nothing is written.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import { generateToken } from "@/lib/tokens/generate-token";
import { reportLeakedCredentials } from "@/lib/tokens/report-leaked-credentials";
import { sendExpiryNotices, type ExpiringToken, type FindExpiringTokens } from "@/lib/scheduler/token-expiry";
import { MAX_ATTEMPTS, retryDelayMs, sendQueuedMail } from "@/lib/mail/send-queued-mail";
import { startMailSink, type MailSink } from "../../e2e/support/mail-sink";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

let sink: MailSink;
beforeAll(async () => {
  sink = await startMailSink();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await sink.stop();
});
beforeEach(() => {
  vi.stubEnv("KEYPORT_SMTP_URL", `smtp://127.0.0.1:${sink.port}`);
  sink.refuse(null);
});

async function tenantWithOwner() {
  const tenant = await createTenant({ slug: `m-${randomBytes(4).toString("hex")}`, name: "Mail" });
  const owner = await createUser({ tenantId: tenant.id, email: `owner@${tenant.slug}.test`, name: "Owner", role: "GLOBAL_ADMIN", password: "x".repeat(12) });
  return { tenant, owner };
}

/** Sends everything due until the queue is empty (earlier tests' mail goes out too). */
async function drain(now = new Date()) {
  let total = 0;
  for (;;) {
    const { sent, failed } = await sendQueuedMail(now);
    total += sent;
    if (sent + failed === 0) return total;
  }
}

describe("mail to token owners", { timeout: 30_000 }, () => {
  it("an expiry 7 days and 1 day ahead and a leak revocation each mail the owner once", async () => {
    const { tenant, owner } = await tenantWithOwner();
    const now = new Date();
    const make = async (name: string, expiresInMs: number): Promise<ExpiringToken> => {
      const token = await generateToken({ tenantId: tenant.id, userId: owner.id, kind: "API_TOKEN", name });
      return { id: token.id, tenantId: tenant.id, kind: "API_TOKEN", name, userId: owner.id, expiresAt: new Date(now.getTime() + expiresInMs) };
    };
    const tokens = [await make("Nightly export", 3 * DAY), await make("SIEM pull", 12 * HOUR), await make("Old one", -HOUR)];
    const find: FindExpiringTokens = async (window) => tokens.filter((token) => token.expiresAt > window.after && token.expiresAt <= window.until);
    await Promise.all([sendExpiryNotices(now, find), sendExpiryNotices(now, find)]);
    const leaked = await generateToken({ tenantId: tenant.id, userId: owner.id, kind: "API_TOKEN", name: "CI deploy" });
    expect(await reportLeakedCredentials([leaked.value], { ip: "203.0.113.9" })).toEqual({ revoked: 1 });

    await drain();
    const mine = sink.received.filter((mail) => mail.to.includes(owner.email));
    expect(mine.map((mail) => mail.subject).sort()).toEqual([
      'Your API token "CI deploy" was reported leaked and revoked',
      'Your API token "Nightly export" expires in 7 days',
      'Your API token "SIEM pull" expires tomorrow',
    ]);
    const leakText = mine.find((mail) => mail.subject.includes("CI deploy"))!.text;
    expect(leakText).toContain("every call made with it is now refused");
    expect(leakText).toMatch(/\/settings\/api-tokens$/m);
    expect(mine.find((mail) => mail.subject.includes("SIEM pull"))!.text).toContain(`/settings/api-tokens/${tokens[1].id}`);

    // Sent once: nothing left, and a second scan finds its notices already sent.
    await sendExpiryNotices(new Date(now.getTime() + 60_000), find);
    expect(await drain()).toBe(0);
    expect(sink.received.filter((mail) => mail.to.includes(owner.email))).toHaveLength(3);
  });

  it("writes nothing to a deprovisioned owner, and nothing at all without a mail server", async () => {
    const { tenant, owner } = await tenantWithOwner();
    await db.user.update({ where: { id: owner.id, tenantId: tenant.id }, data: { deprovisionedAt: new Date() } });
    const gone = await generateToken({ tenantId: tenant.id, userId: owner.id, kind: "API_TOKEN", name: "Former's" });
    await reportLeakedCredentials([gone.value], { ip: "203.0.113.9" });

    const other = await tenantWithOwner();
    vi.stubEnv("KEYPORT_SMTP_URL", "");
    const unmailed = await generateToken({ tenantId: other.tenant.id, userId: other.owner.id, kind: "API_TOKEN", name: "No mail server" });
    expect(await reportLeakedCredentials([unmailed.value], { ip: "203.0.113.9" })).toEqual({ revoked: 1 });
    expect(await sendQueuedMail()).toEqual({ sent: 0, failed: 0 });

    expect(await db.mailMessage.count({ where: { tenantId: tenant.id } })).toBe(0);
    expect(await db.mailMessage.count({ where: { tenantId: other.tenant.id } })).toBe(0);
  });

  it("retries what the mail server refused, later and with a growing pause, and gives up after the last attempt", async () => {
    const { tenant, owner } = await tenantWithOwner();
    await drain();
    const leaked = await generateToken({ tenantId: tenant.id, userId: owner.id, kind: "API_TOKEN", name: "Refused once" });
    await reportLeakedCredentials([leaked.value], { ip: "203.0.113.9" });
    sink.refuse("550 mailbox unavailable");
    const now = new Date();
    expect(await sendQueuedMail(now)).toEqual({ sent: 0, failed: 1 });
    const queued = await db.mailMessage.findFirstOrThrow({ where: { tenantId: tenant.id } });
    expect(queued).toMatchObject({ sentAt: null, attempts: 1 });
    expect(queued.lastError).toContain("550");
    expect(queued.nextAttemptAt.getTime()).toBe(now.getTime() + retryDelayMs(1));
    expect(retryDelayMs(2)).toBe(2 * retryDelayMs(1));

    sink.refuse(null);
    // Not due yet: the pause is kept.
    expect(await sendQueuedMail(now)).toEqual({ sent: 0, failed: 0 });
    expect(await sendQueuedMail(new Date(now.getTime() + retryDelayMs(1)))).toEqual({ sent: 1, failed: 0 });
    expect(sink.received.at(-1)?.subject).toBe('Your API token "Refused once" was reported leaked and revoked');

    // A message refused at every attempt stops being tried.
    await db.mailMessage.update({ where: { id: queued.id, tenantId: tenant.id }, data: { sentAt: null, attempts: MAX_ATTEMPTS, nextAttemptAt: now } });
    expect(await sendQueuedMail(now)).toEqual({ sent: 0, failed: 0 });
  });
});
