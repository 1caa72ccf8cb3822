// The client IP recorded as a token's last use is the TCP peer's: X-Forwarded-For is believed only
// from a peer listed in KEYPORT_TRUSTED_PROXIES (none by default, as on the main e2e server).
import { generateToken } from "@/lib/tokens/generate-token";
import { findTokenRow } from "../support/e2e-data";
import { expect, test } from "../support/fixtures";
import { send } from "./support/raw-http";
import { startSecondServer } from "./support/second-server";

test.describe.configure({ mode: "serial" });

test("X-Forwarded-For from an untrusted peer is not recorded as the last-used IP", async ({ tenant }) => {
  const token = await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: "forwarded" });
  const response = await send({ path: "/api/v1/whoami/", headers: { authorization: `Token ${token.value}`, "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.6", forwarded: "for=6.6.6.6" } });
  expect(response.status).toBe(200);
  await expect.poll(async () => (await findTokenRow(token.id))?.lastUsedIp, { timeout: 5000 }).toBe("127.0.0.1");
});

test("behind a trusted proxy, the address it forwards is recorded", async ({ tenant }) => {
  const server = await startSecondServer({ KEYPORT_TRUSTED_PROXIES: "127.0.0.1, ::1" });
  try {
    const token = await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: "proxied" });
    const response = await send({ port: server.port, path: "/api/v1/whoami/", headers: { authorization: `Token ${token.value}`, "x-forwarded-for": "6.6.6.6" } });
    expect(response.status).toBe(200);
    await expect.poll(async () => (await findTokenRow(token.id))?.lastUsedIp, { timeout: 5000 }).toBe("6.6.6.6");
  } finally {
    await server.stop();
  }
});
