// At most 60 leak reports a minute from one client IP: the 61st is refused with 429 and Retry-After,
// before its body is read, while other addresses go on reporting. Checked on a second server with the
// default limit and this machine as a trusted proxy, so the test speaks from addresses of its own
// (X-Forwarded-For) and no other spec's reports count.
import { randomInt } from "node:crypto";
import { newTokenValue } from "@/lib/tokens/token-format";
import { expect, test } from "../support/fixtures";
import { send } from "../security/support/raw-http";
import { startSecondServer, type SecondServer } from "../security/support/second-server";

let second: SecondServer;

test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  second = await startSecondServer({ KEYPORT_TRUSTED_PROXIES: "127.0.0.1, ::1", KEYPORT_LEAK_REPORTS_PER_MINUTE: "" });
});
test.afterAll(async () => {
  await second?.stop();
});

const reportFrom = (ip: string, body = JSON.stringify({ credentials: [newTokenValue("API_TOKEN")] })) =>
  send({ port: second.port, method: "POST", path: "/api/v1/credentials/revoke", headers: { "content-type": "application/json", "x-forwarded-for": ip }, body });

test("the 61st report in a minute from one address is 429 rate_limited with Retry-After; other addresses go on", async () => {
  // Addresses of the documentation ranges, fresh for each run: the PostgreSQL run counts in the shared database.
  const ip = `198.51.100.${randomInt(1, 255)}`;
  const other = `203.0.113.${randomInt(1, 255)}`;
  for (let i = 0; i < 60; i++) {
    const response = await reportFrom(ip);
    expect(response.status, `report ${i + 1}`).toBe(202);
  }
  const refused = await reportFrom(ip);
  expect(refused.status).toBe(429);
  expect(refused.json.error.code).toBe("rate_limited");
  expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
  expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(60);
  // Refused before the body is looked at: even a malformed one gets 429, not 400.
  expect((await reportFrom(ip, "{not json")).status).toBe(429);
  expect((await reportFrom(other)).status).toBe(202);
});
