// Calls to identity providers: bounded in size, never following a redirect, and refused on private
// addresses unless the operator allows private networks (the same setting as webhooks, under either name).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { PROVIDER_MAX_BYTES, providerFetch, providerUrlProblem } from "@/lib/identity/outbound-fetch";
import { discoverProvider } from "@/lib/identity/discovery";

let base = "";
const server = http.createServer((request, response) => {
  if (request.url === "/huge") {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(Buffer.alloc(PROVIDER_MAX_BYTES + 10, 32));
  } else if (request.url?.startsWith("/moved")) {
    response.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" });
    response.end();
  } else response.end("{}");
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => vi.unstubAllEnvs());

describe("calls to an identity provider", () => {
  it("refuse an answer larger than the limit", async () => {
    await expect(providerFetch(`${base}/huge`)).rejects.toThrow(/larger than/);
  });

  it("never follow a redirect: discovery says so in words", async () => {
    const answer = await providerFetch(`${base}/moved`);
    expect(answer.status).toBe(302);
    await expect(discoverProvider(`${base}/moved`)).rejects.toThrow(/with a redirect \(302\)/);
  });

  it("reach private addresses and plain http only when the operator allows it, under either name of the setting", async () => {
    vi.stubEnv("KEYPORT_OUTBOUND_PRIVATE_NETWORKS", undefined);
    vi.stubEnv("KEYPORT_WEBHOOK_PRIVATE_NETWORKS", undefined);
    expect(providerUrlProblem(base)).toMatch(/https:\/\//);
    expect(providerUrlProblem("https://10.0.0.7/realms/x")).toMatch(/public addresses/);
    expect(providerUrlProblem("https://login.example.com/tenant/v2.0")).toBeNull();
    await expect(providerFetch("https://127.0.0.1:1/")).rejects.toThrow(/public addresses/);
    vi.stubEnv("KEYPORT_WEBHOOK_PRIVATE_NETWORKS", "allow");
    expect(providerUrlProblem(base)).toBeNull();
  });
});
