// The service-accounts API, rule by rule: a service account's token holds the account's role ∩ its chosen
// scopes and outlives its maker; disabled answers 403 permission_denied and deleted 401, on the other
// instance too within a second; nothing made exceeds the calling token; another tenant's ids are 404;
// every change is audited and sent to webhooks. On the PostgreSQL run `instance` pins a call to one of
// the two instances (on SQLite there is one, and the pin is ignored).
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { createUser } from "@/lib/users/create-user";
import { TOKEN_CACHE_TTL_MS } from "@/lib/tokens/token-cache";
import { setUserProvisioning, setUserRole } from "@/lib/users/manage-users";
import { callApi, type ApiResponse } from "../support/api-client";
import { createFreshTenant, expect, FIXTURE_PASSWORD, test, type FixtureUser, type FreshTenant } from "../support/fixtures";
import { actorOf, auditEntries } from "../token-controls/support";
import { listSchema, tokenObjectSchema, tokenOf } from "../tokens-api/support";

const waitOutTokenCaches = () => new Promise((resolve) => setTimeout(resolve, TOKEN_CACHE_TTL_MS + 200));

const post = (token: string, path: string, body: unknown = {}, instance?: number) => callApi(path, { token, method: "POST", body, instance });

async function addAccount(token: string, body: { name: string; role: string; description?: string }) {
  const response = await post(token, "/api/v1/service-accounts/", body);
  expect(response.status, response.text).toBe(201);
  return response.json.serviceAccount as { id: string; name: string; role: string; status: string; tokenCount: number };
}

async function accountToken(token: string, accountId: string, body: Record<string, unknown> = {}) {
  const response = await post(token, `/api/v1/service-accounts/${accountId}/tokens/`, { name: `SA token ${randomUUID().slice(0, 6)}`, ...body });
  expect(response.status, response.text).toBe(201);
  return { token: tokenObjectSchema.parse(response.json.token), value: response.json.value as string };
}

/** Calls `call` until `done` says so; the answer and how long it took from `since`. */
async function firstAnswer(call: () => Promise<ApiResponse>, done: (response: ApiResponse) => boolean, since: number, limitMs = 3_000) {
  for (;;) {
    const response = await call();
    const elapsed = Date.now() - since;
    if (done(response) || elapsed > limitMs) return { response, elapsed };
  }
}

async function secondAdmin(tenant: FreshTenant): Promise<FixtureUser> {
  const user = await createUser({ tenantId: tenant.id, email: `admin2-${randomUUID().slice(0, 6)}@${tenant.slug}.test`, name: `Second admin ${tenant.slug}`, role: "GLOBAL_ADMIN", password: FIXTURE_PASSWORD });
  return { id: user.id, email: user.email, name: user.name, role: "GLOBAL_ADMIN" };
}

test("an admin's token adds a service account and makes its token: the account's role ∩ the chosen scopes, named as owner", async ({ tenant }) => {
  const admin = await tokenOf(tenant, tenant.admin, "Automation");
  const account = await addAccount(admin.value, { name: "SIEM export", description: "Nightly alert export", role: "SECURITY_OPERATOR" });
  expect(account).toMatchObject({ name: "SIEM export", role: "SECURITY_OPERATOR", status: "active", tokenCount: 0 });

  const all = await accountToken(admin.value, account.id);
  expect(all.token).toMatchObject({ serviceAccount: { id: account.id, name: "SIEM export" }, createdBy: { email: tenant.admin.email }, scopes: null });
  const whoami = await callApi("/api/v1/whoami/", { token: all.value });
  expect(whoami.status, whoami.text).toBe(200);
  expect(whoami.json.scopes).toEqual(["Investigation.manage", "Discovery.manage", "Settings.read"]);
  expect(whoami.json.user).toBeUndefined();

  const narrowed = await accountToken(admin.value, account.id, { scopes: ["Investigation.manage"], allowedIps: ["127.0.0.0/8", "::1"], expiresInDays: 7 });
  expect((await callApi("/api/v1/whoami/", { token: narrowed.value })).json.scopes).toEqual(["Investigation.manage"]);
  // A scope the account's role does not hold: refused, as for a person's token.
  const beyond = await post(admin.value, `/api/v1/service-accounts/${account.id}/tokens/`, { name: "Too much", scopes: ["Settings.manage"] });
  expect(beyond.status).toBe(403);
  expect(beyond.json.error.code).toBe("forbidden");

  // The tokens API lists them with their owner; a person's token says null.
  const list = await callApi("/api/v1/tokens/", { token: admin.value });
  const page = listSchema.parse(list.json);
  expect(page.data.find((token) => token.id === all.token.id)?.serviceAccount).toEqual({ id: account.id, name: "SIEM export" });
  expect(page.data.find((token) => token.id === admin.token.id)?.serviceAccount).toBeNull();

  const listed = await callApi("/api/v1/service-accounts/", { token: admin.value });
  expect(listed.status).toBe(200);
  expect(listed.json).toMatchObject({ total: 1, hasNext: false, data: [{ id: account.id, tokenCount: 2 }] });

  const created = (await auditEntries(tenant.id, account.id)).find((entry) => entry.action === "serviceAccount.created");
  expect(created?.actorUserId).toBe(tenant.admin.id);
  const generated = (await auditEntries(tenant.id, all.token.id)).find((entry) => entry.action === "token.generated");
  expect(JSON.parse(generated!.details)).toMatchObject({ via: "api", serviceAccount: { id: account.id, name: "SIEM export" } });
});

test("a service account's token outlives its maker: unaffected by the maker's role change and deprovisioning", async ({ tenant }) => {
  const maker = await secondAdmin(tenant);
  const makerToken = await tokenOf(tenant, maker, "Maker's");
  const account = await addAccount(makerToken.value, { name: "Backup job", role: "GLOBAL_ADMIN" });
  const owned = await accountToken(makerToken.value, account.id);
  expect((await callApi("/api/v1/whoami/", { token: owned.value })).json.scopes).toHaveLength(6);

  // Changed here, in the test's own process: on SQLite the server hears of it when its cached entries expire.
  await setUserRole(actorOf(tenant, tenant.admin), maker.id, "SECURITY_READER");
  await waitOutTokenCaches();
  expect((await callApi("/api/v1/whoami/", { token: makerToken.value })).json.scopes).toEqual(["Investigation.read", "Discovery.read", "Settings.read"]);
  expect((await callApi("/api/v1/whoami/", { token: owned.value })).json.scopes).toHaveLength(6);
  await setUserProvisioning(actorOf(tenant, tenant.admin), maker.id, false);
  await waitOutTokenCaches();
  const afterDeprovisioning = await callApi("/api/v1/whoami/", { token: owned.value });
  expect(afterDeprovisioning.status, afterDeprovisioning.text).toBe(200);
  expect((await callApi("/api/v1/whoami/", { token: makerToken.value })).json.error.code).toBe("permission_denied");
  // Offboarding the maker revokes the maker's own tokens, not the account's.
  expect((await callApi("/api/v1/whoami/", { token: owned.value })).status).toBe(200);
});

test("disabled: its tokens answer 403 permission_denied on the other instance within a second; enabled: they work again", async ({ tenant }) => {
  const admin = await tokenOf(tenant, tenant.admin, "Automation");
  const account = await addAccount(admin.value, { name: "Connector", role: "SECURITY_READER" });
  const owned = await accountToken(admin.value, account.id);
  const onOther = () => callApi("/api/v1/whoami/", { token: owned.value, instance: 1 });
  expect((await onOther()).status).toBe(200);

  const disabled = await post(admin.value, `/api/v1/service-accounts/${account.id}/disable/`, {}, 0);
  expect(disabled.status, disabled.text).toBe(200);
  expect(disabled.json.serviceAccount.status).toBe("disabled");
  const { response, elapsed } = await firstAnswer(onOther, (answer) => answer.status === 403, Date.now());
  expect(response.status).toBe(403);
  expect(response.json.error.code).toBe("permission_denied");
  expect(elapsed).toBeLessThan(1_000);
  // A disabled account gets no new token.
  expect((await post(admin.value, `/api/v1/service-accounts/${account.id}/tokens/`, { name: "While disabled" })).status).toBe(409);

  const enabled = await post(admin.value, `/api/v1/service-accounts/${account.id}/enable/`, {}, 0);
  expect(enabled.json.serviceAccount.status).toBe("active");
  const back = await firstAnswer(onOther, (answer) => answer.status === 200, Date.now());
  expect(back.response.status).toBe(200);
  expect(back.elapsed).toBeLessThan(1_000);

  const actions = (await auditEntries(tenant.id, account.id)).map((entry) => entry.action);
  expect(actions).toEqual(["serviceAccount.created", "serviceAccount.disabled", "serviceAccount.enabled"]);
});

test("deleted: its tokens are revoked and answer 401 on the other instance within a second", async ({ tenant }) => {
  const admin = await tokenOf(tenant, tenant.admin, "Automation");
  const account = await addAccount(admin.value, { name: "Old integration", role: "SECURITY_READER" });
  const owned = await accountToken(admin.value, account.id);
  const onOther = () => callApi("/api/v1/whoami/", { token: owned.value, instance: 1 });
  expect((await onOther()).status).toBe(200);

  const deleted = await callApi(`/api/v1/service-accounts/${account.id}/`, { token: admin.value, method: "DELETE", instance: 0 });
  expect(deleted.status, deleted.text).toBe(200);
  expect(deleted.json).toEqual({ deleted: true, revokedTokens: 1 });
  const { response, elapsed } = await firstAnswer(onOther, (answer) => answer.status === 401, Date.now());
  expect(response.status).toBe(401);
  expect(response.json.error.code).toBe("unauthorized");
  expect(elapsed).toBeLessThan(1_000);

  expect((await callApi(`/api/v1/service-accounts/${account.id}/`, { token: admin.value, method: "DELETE" })).status).toBe(404);
  expect((await callApi("/api/v1/service-accounts/", { token: admin.value })).json.total).toBe(0);
  const actions = (await auditEntries(tenant.id, owned.token.id)).map((entry) => entry.action);
  expect(actions).toContain("token.revoked");
});

test("never exceeds the maker: a narrowed admin token cannot make a broader account or token", async ({ tenant }) => {
  const narrowed = await tokenOf(tenant, tenant.admin, "Narrowed", { scopes: ["Investigation.read", "Discovery.read", "Settings.read", "Settings.manage"] });
  const admin = await addAccount((await tokenOf(tenant, tenant.admin, "Full")).value, { name: "Admin account", role: "GLOBAL_ADMIN" });

  const higher = await post(narrowed.value, "/api/v1/service-accounts/", { name: "Operator account", role: "SECURITY_OPERATOR" });
  expect(higher.status).toBe(403);
  expect(higher.json.error.code).toBe("forbidden");
  const reader = await addAccount(narrowed.value, { name: "Reader account", role: "SECURITY_READER" });
  expect(reader.role).toBe("SECURITY_READER");

  // For an admin account, the narrowed token makes tokens within itself only.
  const inherits = await accountToken(narrowed.value, admin.id);
  expect((await callApi("/api/v1/whoami/", { token: inherits.value })).json.scopes).toEqual(["Investigation.read", "Discovery.read", "Settings.read", "Settings.manage"]);
  const wider = await post(narrowed.value, `/api/v1/service-accounts/${admin.id}/tokens/`, { name: "Wider", scopes: ["Investigation.manage"] });
  expect(wider.status).toBe(403);
  // Its IP ranges bound the new token too.
  const fenced = await tokenOf(tenant, tenant.admin, "Fenced", { allowedIps: ["127.0.0.0/8", "::1"] });
  expect((await post(fenced.value, `/api/v1/service-accounts/${admin.id}/tokens/`, { name: "Escape", allowedIps: ["10.0.0.0/8"] })).status).toBe(403);
});

test("who may: operators, readers, service accounts' and settings-less tokens are refused; bad bodies are 400", async ({ tenant }) => {
  const admin = await tokenOf(tenant, tenant.admin, "Automation");
  const account = await addAccount(admin.value, { name: "Admin SA", role: "GLOBAL_ADMIN" });
  const owned = await accountToken(admin.value, account.id);
  for (const token of [(await tokenOf(tenant, tenant.operator, "Operator's")).value, (await tokenOf(tenant, tenant.reader, "Reader's")).value, owned.value]) {
    const list = await callApi("/api/v1/service-accounts/", { token });
    expect(list.status).toBe(403);
    expect(list.json.error.code).toBe("forbidden");
    expect((await post(token, "/api/v1/service-accounts/", { name: "Nope", role: "SECURITY_READER" })).status).toBe(403);
  }
  const noSettings = await tokenOf(tenant, tenant.admin, "No settings", { scopes: ["Investigation.read"] });
  expect((await callApi("/api/v1/service-accounts/", { token: noSettings.value })).status).toBe(403);

  for (const body of [{}, { name: "", role: "SECURITY_READER" }, { name: "X", role: "ROOT" }, { name: "X", role: "SECURITY_READER", extra: 1 }, { name: "X".repeat(101), role: "SECURITY_READER" }]) {
    const response = await post(admin.value, "/api/v1/service-accounts/", body);
    expect(response.status, JSON.stringify(body)).toBe(400);
    expect(response.json.error.code).toBe("invalid_request");
  }
  const duplicate = await post(admin.value, "/api/v1/service-accounts/", { name: "Admin SA", role: "SECURITY_READER" });
  expect(duplicate.status).toBe(409);
  expect((await callApi("/api/v1/service-accounts/?limit=1000", { token: admin.value })).status).toBe(400);
});

test("another tenant's service account is 404 on every route, and its tokens are not listed", async ({ tenant }) => {
  const other = await createFreshTenant();
  const theirs = await addAccount((await tokenOf(other, other.admin, "Theirs")).value, { name: "Their SA", role: "SECURITY_READER" });
  const admin = await tokenOf(tenant, tenant.admin, "Mine");
  for (const [path, method] of [
    [`/api/v1/service-accounts/${theirs.id}/tokens/`, "POST"],
    [`/api/v1/service-accounts/${theirs.id}/disable/`, "POST"],
    [`/api/v1/service-accounts/${theirs.id}/enable/`, "POST"],
    [`/api/v1/service-accounts/${theirs.id}/`, "DELETE"],
    [`/api/v1/service-accounts/not-an-id/`, "DELETE"],
  ] as const) {
    const response = await callApi(path, { token: admin.value, method, body: method === "POST" ? { name: "x" } : undefined });
    expect(response.status, path).toBe(404);
    expect(response.json.error.code).toBe("not_found");
  }
  expect((await callApi("/api/v1/service-accounts/", { token: admin.value })).json.total).toBe(0);
  expect((await db.serviceAccount.findFirstOrThrow({ where: { id: theirs.id, tenantId: other.id } })).disabledAt).toBeNull();
});

test("the tokens API revokes and rotates a service account's token; the leak report revokes it like any token", async ({ tenant }) => {
  const admin = await tokenOf(tenant, tenant.admin, "Automation");
  const account = await addAccount(admin.value, { name: "Rotated", role: "SECURITY_READER" });
  const owned = await accountToken(admin.value, account.id);
  const rotated = await post(admin.value, `/api/v1/tokens/${owned.token.id}/rotate/`, { gracePeriodSeconds: 0 });
  expect(rotated.status, rotated.text).toBe(200);
  expect(rotated.json.token.serviceAccount).toEqual({ id: account.id, name: "Rotated" });
  expect((await callApi("/api/v1/whoami/", { token: rotated.json.value })).status).toBe(200);
  const revoked = await post(admin.value, `/api/v1/tokens/${owned.token.id}/revoke/`);
  expect(revoked.status).toBe(200);
  expect((await callApi("/api/v1/whoami/", { token: rotated.json.value })).status).toBe(401);

  const leaked = await accountToken(admin.value, account.id);
  const report = await callApi("/api/v1/credentials/revoke", { method: "POST", body: { credentials: [leaked.value] } });
  expect(report.status).toBe(202);
  expect((await callApi("/api/v1/whoami/", { token: leaked.value })).status).toBe(401);
});

test("a service account is no user: it has no user row (no password, no sign-in) and never counts as the last Global administrator", async ({ tenant }) => {
  const admin = await tokenOf(tenant, tenant.admin, "Automation");
  await addAccount(admin.value, { name: "Admin robot", role: "GLOBAL_ADMIN" });
  expect(await db.user.count({ where: { tenantId: tenant.id, name: "Admin robot" } })).toBe(0);
  // The tenant's one person who is a Global administrator stays the last one: an admin account does not count.
  await expect(setUserRole(actorOf(tenant, tenant.admin), tenant.admin.id, "SECURITY_READER")).rejects.toThrow();
});

test("webhooks receive service_account.created, .disabled, .enabled and .deleted, and token events name the owner", async ({ tenant }) => {
  // A paused webhook: its deliveries are queued in the outbox and never sent.
  await db.webhook.create({
    data: {
      id: randomUUID(),
      tenantId: tenant.id,
      url: "https://receiver.invalid/keyport",
      eventsJson: JSON.stringify(["service_account.created", "service_account.disabled", "service_account.enabled", "service_account.deleted", "token.created", "token.revoked"]),
      secretEnc: "unused",
      pausedAt: new Date(),
      pausedReason: "test",
    },
  });
  const admin = await tokenOf(tenant, tenant.admin, "Automation");
  const account = await addAccount(admin.value, { name: "Hooked", role: "SECURITY_READER" });
  const owned = await accountToken(admin.value, account.id);
  await post(admin.value, `/api/v1/service-accounts/${account.id}/disable/`);
  await post(admin.value, `/api/v1/service-accounts/${account.id}/enable/`);
  await callApi(`/api/v1/service-accounts/${account.id}/`, { token: admin.value, method: "DELETE" });

  const deliveries = await db.webhookDelivery.findMany({ where: { tenantId: tenant.id }, orderBy: { createdAt: "asc" } });
  const events = deliveries.map((delivery) => JSON.parse(delivery.payload) as { type: string; data: Record<string, any> });
  expect(events.map((event) => event.type)).toEqual(
    expect.arrayContaining(["service_account.created", "service_account.disabled", "service_account.enabled", "service_account.deleted", "token.created", "token.revoked"]),
  );
  expect(events.find((event) => event.type === "service_account.enabled")?.data).toMatchObject({ serviceAccount: { id: account.id, name: "Hooked" }, enabledBy: expect.any(String) });
  expect(events.find((event) => event.type === "service_account.created")?.data.serviceAccount).toMatchObject({ id: account.id, name: "Hooked" });
  for (const type of ["token.created", "token.revoked"]) {
    const event = events.find((candidate) => candidate.type === type && candidate.data.token.id === owned.token.id);
    expect(event?.data.token.serviceAccount, type).toEqual({ id: account.id, name: "Hooked" });
  }
});
