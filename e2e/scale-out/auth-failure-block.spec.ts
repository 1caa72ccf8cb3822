// A client address that goes over the failed-authentication limit (counted in the database for every
// instance) is refused by every instance within a second. An instance remembers for a second that an
// address was not blocked; the one that counts it over the limit tells the others to forget it
// (LISTEN/NOTIFY). Two instances of their own, with a limit of 5 a minute; the test speaks to each
// directly as the load balancer would, from its address and with X-Forwarded-For.
import path from "node:path";
import { randomInt } from "node:crypto";
import { generateToken } from "@/lib/tokens/generate-token";
import { newTokenValue } from "@/lib/tokens/token-format";
import { callApi } from "../support/api-client";
import { expect, test } from "../support/fixtures";
import { startInstance, type Instance } from "../support/instances";
import { PG_E2E_DIR, SPARE_PORTS, instanceEnv } from "../support/pg-run";

const LIMIT = 5;
const PORTS = [SPARE_PORTS.blockA, SPARE_PORTS.blockB];
let instances: Instance[] = [];

test.beforeAll(async () => {
  instances = await Promise.all(
    PORTS.map((port) =>
      startInstance({
        port,
        env: { ...instanceEnv(), KEYPORT_DATA_DIR: path.join(PG_E2E_DIR, `data-${port}`), KEYPORT_AUTH_FAILURES_PER_MINUTE: String(LIMIT) },
        log: path.join(PG_E2E_DIR, `server-block-${port}.log`),
        readyTimeoutMs: 120_000,
      }),
    ),
  );
});

test.afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.stop()));
});

test("an address blocked on one instance is refused by the other within a second", async ({ tenant }) => {
  const valid = await generateToken({ tenantId: tenant.id, userId: tenant.reader.id, kind: "API_TOKEN", name: "innocent script" });
  const guesser = `198.51.100.${randomInt(1, 128)}`;
  const from = (address: string, instance: number, token: string) => callApi("/api/v1/whoami/", { port: PORTS[instance], forwardedFor: address, token });

  for (let attempt = 0; attempt < LIMIT; attempt++) expect((await from(guesser, 0, newTokenValue("API_TOKEN"))).status).toBe(401);
  // Instance 1 has just found the address within its limit, and remembers that.
  expect((await from(guesser, 1, valid.value)).status).toBe(200);
  // The failure that goes over the limit, on instance 0; from then on instance 0 refuses the address.
  expect((await from(guesser, 0, newTokenValue("API_TOKEN"))).status).toBe(401);
  const blockedAt = Date.now();
  expect((await from(guesser, 0, valid.value)).status).toBe(429);

  let onOther = await from(guesser, 1, valid.value);
  while (onOther.status === 200 && Date.now() - blockedAt < 1_500) onOther = await from(guesser, 1, valid.value);
  expect(onOther.status).toBe(429);
  expect(onOther.json.error.code).toBe("rate_limited");
  expect(Number(onOther.headers["retry-after"])).toBeGreaterThan(0);
  // Within a second is the promise; the notice makes it immediate in practice. Without the notice,
  // instance 1 would trust its remembered answer for about a second more.
  expect(Date.now() - blockedAt).toBeLessThan(500);

  // Another address is not affected, on either instance.
  for (const instance of [0, 1]) expect((await from(`198.51.100.${randomInt(128, 255)}`, instance, valid.value)).status).toBe(200);
});
