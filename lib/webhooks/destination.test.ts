// Webhooks reach only public addresses unless the operator allows private networks: checked on the
// address actually connected to, so a name that resolves to the loopback is refused like the literal.
// And the delivery log, which the tenant's admin reads, never tells whether an internal name resolves,
// to what, or which internal ports are open: a refused address and a name that does not resolve get
// the same words, and with private networks allowed every failure before an answer gets one sentence.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { deliverMessage, NO_PUBLIC_ADDRESS, UNREACHABLE_DESTINATION } from "@/lib/webhooks/deliver-message";
import { isPublicAddress, OLDER_PRIVATE_NETWORKS_SETTING, PRIVATE_NETWORKS_SETTING } from "@/lib/webhooks/destination";
import { webhookUrlProblem } from "@/lib/webhooks/schemas";

let connections = 0;
const receiver = http.createServer((_request, response) => response.end("internal secrets"));
receiver.on("connection", () => connections++);
let port = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  port = (receiver.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
afterEach(() => {
  vi.unstubAllEnvs();
});

const send = (url: string) => deliverMessage({ url, secret: "whsec_" + Buffer.alloc(24, 7).toString("base64"), messageId: "msg_test", body: "{}", sentAt: new Date(), timeoutMs: 3_000 });

describe("webhook destinations", () => {
  it("are public unicast addresses only", () => {
    for (const address of ["8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"]) expect(isPublicAddress(address), address).toBe(true);
    for (const address of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fc00::1", "fe80::1", "::ffff:10.0.0.1", "::", "not an address"]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });

  it("refuses private hosts written in the URL when it is added, however the address is spelled", () => {
    vi.stubEnv(PRIVATE_NETWORKS_SETTING, undefined);
    for (const url of ["http://127.0.0.1:5432/", "http://2130706433/", "http://0x7f.1/", "http://[::1]/", "http://[::ffff:10.0.0.1]/", "http://169.254.169.254/latest/meta-data/", "http://localhost:3000/", "https://api.localhost/"]) {
      expect(webhookUrlProblem(url), url).toMatch(/only to public addresses/);
    }
    expect(webhookUrlProblem("https://hooks.example.com/keyport")).toBeNull();
    vi.stubEnv(PRIVATE_NETWORKS_SETTING, "allow");
    expect(webhookUrlProblem("http://127.0.0.1:5432/")).toBeNull();
  });

  it("still take the setting's older name, and the new name wins when both are set", () => {
    vi.stubEnv(PRIVATE_NETWORKS_SETTING, undefined);
    vi.stubEnv(OLDER_PRIVATE_NETWORKS_SETTING, "allow");
    expect(webhookUrlProblem("http://127.0.0.1:5432/")).toBeNull();
    vi.stubEnv(PRIVATE_NETWORKS_SETTING, "deny");
    expect(webhookUrlProblem("http://127.0.0.1:5432/")).toMatch(/only to public addresses/);
  });

  it("never connects to a private address, whether written as an address or a name that resolves to one", async () => {
    vi.stubEnv(PRIVATE_NETWORKS_SETTING, undefined);
    connections = 0;
    for (const url of [`http://127.0.0.1:${port}/`, `http://localhost:${port}/`]) {
      const outcome = await send(url);
      expect(outcome, url).toMatchObject({ ok: false, statusCode: null, responseExcerpt: null });
      expect(outcome.error, url).toBe(NO_PUBLIC_ADDRESS);
    }
    expect(connections).toBe(0);
  });

  it("says the same of a refused address and a name that does not resolve, nothing of a closed private port, and tells the reason to the server log only", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const serverLog = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const seen: { url: string; error: string | null }[] = [];
      vi.stubEnv(PRIVATE_NETWORKS_SETTING, undefined);
      for (const url of [`http://127.0.0.1:${port}/`, `http://localhost:${port}/`, "http://keyport-no-such-host.invalid/hook"]) seen.push({ url, error: (await send(url)).error });
      vi.stubEnv(PRIVATE_NETWORKS_SETTING, "allow");
      for (const url of [`http://127.0.0.1:${closedPort}/`, "http://keyport-no-such-host.invalid/hook"]) seen.push({ url, error: (await send(url)).error });
      // Refused private addresses and a name that does not resolve: the same words.
      for (const { url, error } of seen.slice(0, 3)) {
        expect(error, url).toBe(NO_PUBLIC_ADDRESS);
        expect(error, url).not.toMatch(/127\.0\.0\.1|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|EHOSTUNREACH|private|loopback/i);
      }
      // Private networks allowed: a closed internal port and a missing name are not told apart.
      for (const { url, error } of seen.slice(3)) {
        expect(error, url).toBe(UNREACHABLE_DESTINATION);
        expect(error, url).not.toMatch(/127\.0\.0\.1|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|EHOSTUNREACH|resolve|private|loopback/i);
      }
      // The operator still learns why, from the server log.
      const logged = serverLog.mock.calls.map((call) => String(call[0])).join("\n");
      expect(logged).toMatch(/localhost:\d+ not delivered: EWEBHOOKBLOCKED: localhost is at 127\.0\.0\.1/);
      expect(logged).toMatch(new RegExp(`127\\.0\\.0\\.1:${closedPort} not delivered: ECONNREFUSED`));
      expect(logged).toMatch(/keyport-no-such-host\.invalid not delivered: (ENOTFOUND|EAI_AGAIN)/);
    } finally {
      serverLog.mockRestore();
    }
  });

  it("delivers there when the operator allows private networks", async () => {
    vi.stubEnv(PRIVATE_NETWORKS_SETTING, "allow");
    const outcome = await send(`http://localhost:${port}/`);
    expect(outcome).toMatchObject({ ok: true, statusCode: 200, responseExcerpt: "internal secrets" });
  });
});
