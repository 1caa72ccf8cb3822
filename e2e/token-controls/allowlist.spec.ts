// IP allowlists: a token with allowed ranges works only from a client IP in one of them; from anywhere
// else the API answers 403 ip_not_allowed. The e2e server listens on both stacks, so a call from
// 127.0.0.1 arrives as the IPv4-mapped peer ::ffff:127.0.0.1 and one from ::1 as IPv6. The client IP is
// the TCP peer's, unless that peer is a trusted proxy: a client cannot choose it with X-Forwarded-For.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { expect, gotoReady, signInContext, test } from "../support/fixtures";
import { actorOf, auditEntries, callFrom, tokenRow } from "./support";

const allowedFrom = async (tenant: Parameters<typeof actorOf>[0], allowedIps: string[]) =>
  createApiToken(actorOf(tenant, tenant.operator), { name: `Allowlist ${allowedIps.join(" ")}`, allowedIps });

test("IPv4: a call from an allowed address works, from any other it is 403 ip_not_allowed", async ({ tenant }) => {
  const hit = await allowedFrom(tenant, ["127.0.0.1"]);
  expect((await callFrom("127.0.0.1", "/api/v1/whoami/", { token: hit.value })).status).toBe(200);
  const range = await allowedFrom(tenant, ["192.0.2.0/24", "127.0.0.0/8"]);
  expect((await callFrom("127.0.0.1", "/api/v1/alerts/?limit=1", { token: range.value })).status).toBe(200);

  const miss = await allowedFrom(tenant, ["10.0.0.0/8", "203.0.113.7"]);
  const refused = await callFrom("127.0.0.1", "/api/v1/whoami/", { token: miss.value });
  expect(refused.status).toBe(403);
  expect(refused.json.error.code).toBe("ip_not_allowed");
  expect(refused.json.error.message).toContain("127.0.0.1");
  // An IPv4 list does not let an IPv6 client in.
  expect((await callFrom("::1", "/api/v1/whoami/", { token: hit.value })).json.error.code).toBe("ip_not_allowed");
  // A refused call is not a use.
  expect((await tokenRow(tenant.id, miss.token.id)).lastUsedAt).toBeNull();
});

test("refused calls are audited in one entry per token and minute, with their count and addresses", async ({ tenant }) => {
  const miss = await allowedFrom(tenant, ["10.0.0.0/8"]);
  for (let call = 0; call < 5; call++) expect((await callFrom("127.0.0.1", "/api/v1/whoami/", { token: miss.value })).status).toBe(403);
  // Written at the first refusal of a minute, then brought up to date every few seconds (by every
  // instance into the same entry); five calls can straddle a minute, hence at most two entries.
  await expect
    .poll(async () => {
      const entries = (await auditEntries(tenant.id, miss.token.id)).filter((entry) => entry.action === "token.ipDenied");
      return { entries: entries.length <= 2, calls: entries.reduce((sum, entry) => sum + entry.occurrences, 0) };
    }, { timeout: 20_000 })
    .toEqual({ entries: true, calls: 5 });
  const [entry] = (await auditEntries(tenant.id, miss.token.id)).filter((candidate) => candidate.action === "token.ipDenied");
  expect(JSON.parse(entry.details).ips).toEqual(["127.0.0.1"]);
});

test("IPv6: the loopback ::1 is let in by ::1 and ::/0, kept out by another range", async ({ tenant }) => {
  for (const allowed of [["::1"], ["::/0"], ["2001:db8::/32", "::1/128"]]) {
    expect((await callFrom("::1", "/api/v1/whoami/", { token: (await allowedFrom(tenant, allowed)).value })).status, allowed.join(" ")).toBe(200);
  }
  const miss = await allowedFrom(tenant, ["2001:db8::/32"]);
  const refused = await callFrom("::1", "/api/v1/whoami/", { token: miss.value });
  expect(refused.status).toBe(403);
  expect(refused.json.error.code).toBe("ip_not_allowed");
  expect((await callFrom("127.0.0.1", "/api/v1/whoami/", { token: miss.value })).json.error.code).toBe("ip_not_allowed");
});

test("IPv4-mapped: the IPv4 client reaching the dual-stack server matches ranges written either way, and is recorded as IPv4", async ({ tenant }) => {
  const mappedEntry = await allowedFrom(tenant, ["::ffff:127.0.0.1"]);
  expect((await tokenRow(tenant.id, mappedEntry.token.id)).allowedIpsJson).toBe('["127.0.0.1/32"]');
  expect((await callFrom("127.0.0.1", "/api/v1/whoami/", { token: mappedEntry.value })).status).toBe(200);
  const mappedRange = await allowedFrom(tenant, ["::ffff:127.0.0.0/104"]);
  expect((await callFrom("127.0.0.1", "/api/v1/whoami/", { token: mappedRange.value })).status).toBe(200);
  const plain = await allowedFrom(tenant, ["127.0.0.1/32"]);
  expect((await callFrom("127.0.0.1", "/api/v1/whoami/", { token: plain.value })).status).toBe(200);
  await expect.poll(async () => (await tokenRow(tenant.id, plain.token.id)).lastUsedIp).toBe("127.0.0.1");
  const otherMapped = await allowedFrom(tenant, ["::ffff:10.0.0.1"]);
  expect((await callFrom("127.0.0.1", "/api/v1/whoami/", { token: otherMapped.value })).json.error.code).toBe("ip_not_allowed");
});

test("a spoofed X-Forwarded-For from an untrusted peer is ignored", async ({ tenant }) => {
  const token = await allowedFrom(tenant, ["203.0.113.0/24"]);
  const spoofed = await callFrom("127.0.0.1", "/api/v1/whoami/", { token: token.value, headers: { "x-forwarded-for": "203.0.113.5", "x-real-ip": "203.0.113.5", "x-keyport-client-ip": "203.0.113.5" } });
  expect(spoofed.status).toBe(403);
  expect(spoofed.json.error.code).toBe("ip_not_allowed");
  expect(spoofed.json.error.message).toContain("127.0.0.1");
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

test("behind a trusted proxy the forwarded client address is believed, and judged by the allowlist", async ({ tenant }) => {
  test.setTimeout(90_000);
  // A second instance of the same deployment that trusts the loopback as its reverse proxy.
  const port = await freePort();
  const instance: ChildProcess = spawn("npx", ["tsx", "scripts/start.ts"], {
    env: { ...process.env, PORT: String(port), KEYPORT_TRUSTED_PROXIES: "127.0.0.1", KEYPORT_TENANT_URL_TEMPLATE: `http://{tenant}.localhost:${port}` },
    detached: true,
    stdio: "ignore",
  });
  try {
    const token = await allowedFrom(tenant, ["203.0.113.0/24"]);
    await expect
      .poll(async () => (await callFrom("127.0.0.1", "/api/v1/whoami/", { token: "x", port }).catch(() => ({ status: 0 }))).status, { timeout: 60_000, intervals: [500] })
      .toBe(401);
    const believed = await callFrom("127.0.0.1", "/api/v1/whoami/", { token: token.value, port, headers: { "x-forwarded-for": "198.51.100.9, 203.0.113.5" } });
    expect(believed.status).toBe(200);
    const outside = await callFrom("127.0.0.1", "/api/v1/whoami/", { token: token.value, port, headers: { "x-forwarded-for": "203.0.113.5, 198.51.100.9" } });
    expect(outside.json.error.code).toBe("ip_not_allowed");
    expect(outside.json.error.message).toContain("198.51.100.9");
    // ::1 is not a trusted proxy of that instance: its forwarded header is ignored.
    const untrusted = await callFrom("::1", "/api/v1/whoami/", { token: token.value, port, headers: { "x-forwarded-for": "203.0.113.5" } });
    expect(untrusted.json.error.code).toBe("ip_not_allowed");
  } finally {
    if (instance.pid) process.kill(-instance.pid, "SIGTERM");
  }
});

test("the dialog checks the ranges and says what is wrong", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/api-tokens");
  await page.getByRole("button", { name: "Generate new token" }).click();
  const dialog = page.getByRole("dialog", { name: "Generate new token" });
  await dialog.getByRole("textbox", { name: "Token name" }).fill("Office only");
  const ranges = dialog.getByRole("textbox", { name: "Allowed IP ranges" });
  await ranges.fill("203.0.113.0/24\nthe office");
  await dialog.getByRole("button", { name: "Next" }).click();
  await expect(dialog.getByText('"the" is not an IP address or range')).toBeVisible();
  await expect(ranges).toHaveAttribute("aria-invalid", "true");

  await ranges.fill("10.1.2.3/8");
  await dialog.getByRole("button", { name: "Next" }).click();
  await expect(dialog.getByText("did you mean 10.0.0.0/8?")).toBeVisible();

  await ranges.fill(Array.from({ length: 51 }, (_, index) => `10.0.${index}.0/24`).join(", "));
  await dialog.getByRole("button", { name: "Next" }).click();
  await expect(dialog.getByText("A token can have at most 50 allowed IP ranges; there are 51.")).toBeVisible();

  await ranges.fill("203.0.113.0/24, 2001:DB8::/32\n::ffff:198.51.100.7");
  await dialog.getByRole("button", { name: "Next" }).click();
  await page.getByRole("dialog", { name: "Your new API token" }).getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Office only" })).toContainText("Only from 3 IP ranges");
});
