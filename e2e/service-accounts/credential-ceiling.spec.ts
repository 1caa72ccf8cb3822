// The weakest callers against the service-accounts API: a one-day token, a value a rotation replaced, a
// token narrowed to one scope and bound to one address. None obtains anything stronger than itself, and
// twenty identical requests at once keep every rule (one account per name, every token within the caller).
import { callApi } from "../support/api-client";
import { expect, test } from "../support/fixtures";
import { DAY_MS, tokenObjectSchema, tokenOf } from "../tokens-api/support";

const post = (token: string, path: string, body: unknown = {}) => callApi(path, { token, method: "POST", body });

async function adminAccount(token: string, name: string) {
  const response = await post(token, "/api/v1/service-accounts/", { name, role: "GLOBAL_ADMIN" });
  expect(response.status, response.text).toBe(201);
  return response.json.serviceAccount as { id: string };
}

test("a one-day token makes service-account tokens that end when it does, however long they ask for", async ({ tenant }) => {
  const shortLived = await tokenOf(tenant, tenant.admin, "One-day bootstrap", { expiration: { kind: "days", days: 1 } });
  const callerExpiry = shortLived.token.expiresAt!;
  expect(Math.abs(callerExpiry - (Date.now() + DAY_MS))).toBeLessThan(60_000);
  const account = await adminAccount(shortLived.value, "Nightly SIEM");
  for (const expiresInDays of [null, 3650, 30]) {
    const made = await post(shortLived.value, `/api/v1/service-accounts/${account.id}/tokens/`, { name: `Outliving ${expiresInDays}`, expiresInDays });
    expect(made.status, made.text).toBe(201);
    expect(tokenObjectSchema.parse(made.json.token).expiresAt, `expiresInDays ${expiresInDays}`).toBe(callerExpiry);
  }
  // Rotating another token to a new expiry is held to the caller's lifetime too.
  const yearly = await tokenOf(tenant, tenant.admin, "Yearly export", { expiration: { kind: "days", days: 365 } });
  const rotated = await post(shortLived.value, `/api/v1/tokens/${yearly.token.id}/rotate/`, { expiresInDays: 3650 });
  expect(rotated.status, rotated.text).toBe(200);
  expect(rotated.json.token.expiresAt).toBeLessThanOrEqual(callerExpiry);
});

test("a value a rotation replaced manages no service account and mints no token for one", async ({ tenant }) => {
  const own = await tokenOf(tenant, tenant.admin, "Rolling deploy key");
  const account = await adminAccount(own.value, "Backup job");
  const rotation = await post(own.value, "/api/v1/tokens/self/rotate/", { gracePeriodSeconds: 3600 });
  expect(rotation.status, rotation.text).toBe(200);
  await expect.poll(async () => (await callApi("/api/v1/whoami/", { token: own.value })).json?.credential?.replacedValue, { timeout: 3000 }).toBe(true);
  for (const [path, body] of [
    ["/api/v1/service-accounts/", { name: "Made by the old value", role: "SECURITY_READER" }],
    [`/api/v1/service-accounts/${account.id}/tokens/`, { name: "Minted by the old value" }],
    [`/api/v1/service-accounts/${account.id}/disable/`, {}],
  ] as const) {
    const response = await post(own.value, path, body);
    expect(response.status, `${path}: ${response.text}`).toBe(403);
    expect(response.json.value).toBeUndefined();
  }
  expect((await callApi(`/api/v1/service-accounts/${account.id}/`, { token: own.value, method: "DELETE" })).status).toBe(403);
  // The new value is in charge.
  expect((await post(rotation.json.value, `/api/v1/service-accounts/${account.id}/tokens/`, { name: "Minted by the new value" })).status).toBe(201);
});

test("twenty requests at once: one account per name, and every token stays within a narrowed, fenced caller", async ({ tenant }) => {
  const admin = await tokenOf(tenant, tenant.admin, "Automation");
  const sameName = await Promise.all(Array.from({ length: 20 }, () => post(admin.value, "/api/v1/service-accounts/", { name: "Raced account", role: "SECURITY_READER" })));
  expect(sameName.map((response) => response.status).sort()).toEqual([201, ...Array(19).fill(409)]);

  const account = await adminAccount(admin.value, "Fenced target");
  const narrow = await tokenOf(tenant, tenant.admin, "Narrow bot", { scopes: ["Settings.manage"], allowedIps: ["127.0.0.1/32"] });
  const asks = [{}, { scopes: ["Investigation.manage"] }, { allowedIps: ["10.0.0.0/8"] }, { scopes: ["Settings.manage"], allowedIps: ["127.0.0.1/32"] }];
  const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => post(narrow.value, `/api/v1/service-accounts/${account.id}/tokens/`, { name: `Raced ${index}`, ...asks[index % asks.length] })));
  for (const answer of answers) {
    expect(answer.status, answer.text).toBeLessThan(500);
    if (answer.status !== 201) {
      expect(answer.status, answer.text).toBe(403);
      continue;
    }
    const token = tokenObjectSchema.parse(answer.json.token);
    expect(token.scopes).toEqual(["Settings.manage"]);
    expect(token.allowedIps).toEqual(["127.0.0.1/32"]);
  }
  expect(answers.filter((answer) => answer.status === 201).length).toBeGreaterThan(0);
});
