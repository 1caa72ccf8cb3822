// Guessing costs the guesser more than it costs Keyport: an unknown token (valid checksum, no row) or
// an unknown JWT key id is looked up once and then remembered as unknown for a short while, and a
// client IP that keeps failing to authenticate is refused with 429 before any authentication work.
// The limit is checked on a second server started with a low limit and this machine as a trusted proxy,
// so each test can speak from an address of its own (X-Forwarded-For) without affecting other specs.
import { randomUUID } from "node:crypto";
import { exportJWK, exportPKCS8, generateKeyPair, SignJWT } from "jose";
import { db } from "@/lib/db/client";
import { encryptPrivateKey } from "@/lib/oauth/key-encryption";
import { generateToken } from "@/lib/tokens/generate-token";
import { digestToken, newTokenValue, tokenHint } from "@/lib/tokens/token-format";
import { assertE2eDatabase } from "../support/e2e-data";
import { expect, test, type FreshTenant } from "../support/fixtures";
import { claimsOf, RESOURCE, setUpApp, v2Token } from "../support/oauth";
import { send } from "./support/raw-http";
import { startSecondServer, type SecondServer } from "./support/second-server";

const LIMIT = 5;
let second: SecondServer;

test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  second = await startSecondServer({ KEYPORT_TRUSTED_PROXIES: "127.0.0.1, ::1", KEYPORT_AUTH_FAILURES_PER_MINUTE: String(LIMIT) });
});
test.afterAll(async () => {
  await second?.stop();
});

/** Stores a token row for a value chosen by the test (as if another instance had created it). */
async function storeTokenWithValue(tenant: FreshTenant, value: string) {
  assertE2eDatabase();
  await db.apiToken.create({
    data: { id: randomUUID(), tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: "stored by the test", digest: digestToken(value), hint: tokenHint(value) },
  });
}

test("an unknown token is remembered as unknown: a row that appears behind the server's back is not looked up again at once", async ({ tenant }) => {
  const presented = newTokenValue("API_TOKEN");
  const neverPresented = newTokenValue("API_TOKEN");
  expect((await send({ path: "/api/v1/whoami/", headers: { authorization: `Token ${presented}` } })).status).toBe(401);
  await storeTokenWithValue(tenant, presented);
  await storeTokenWithValue(tenant, neverPresented);
  // The value presented a moment ago is still answered from the cached miss; the other is looked up.
  expect((await send({ path: "/api/v1/whoami/", headers: { authorization: `Token ${presented}` } })).status).toBe(401);
  expect((await send({ path: "/api/v1/whoami/", headers: { authorization: `Token ${neverPresented}` } })).status).toBe(200);
});

test("an unknown JWT key id is remembered as unknown too", async ({ tenant }) => {
  const app = await setUpApp({ id: tenant.admin.id, tenantId: tenant.id }, ["Investigation.read"]);
  const claims = claimsOf(await v2Token(tenant.id, app.clientId, app.clientSecret));
  const published: string[] = [];
  const keyOf = async () => {
    const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
    const kid = randomUUID();
    const jwt = await new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ: "JWT", kid }).sign(privateKey);
    const publish = async () => {
      assertE2eDatabase();
      const publicJwk = JSON.stringify({ ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" });
      // Retired now, so it verifies for the grace period but never signs.
      await db.signingKey.create({ data: { kid, publicJwk, privateKeyEnc: encryptPrivateKey(await exportPKCS8(privateKey)), retiredAt: new Date() } });
      published.push(kid);
    };
    return { jwt, publish };
  };
  try {
    const presented = await keyOf();
    const first = await send({ path: "/api/v1/whoami/", headers: { authorization: `Bearer ${presented.jwt}` } });
    expect(first.status).toBe(401);
    expect(first.json.error.message).toMatch(/key Keyport does not publish/);
    const fresh = await keyOf();
    await presented.publish();
    await fresh.publish();
    const again = await send({ path: "/api/v1/whoami/", headers: { authorization: `Bearer ${presented.jwt}` } });
    expect(again.status).toBe(401);
    expect(again.json.error.message).toMatch(/key Keyport does not publish/);
    expect((await send({ path: "/api/v1/whoami/", headers: { authorization: `Bearer ${fresh.jwt}` } })).status).toBe(200);
  } finally {
    await db.signingKey.deleteMany({ where: { kid: { in: published } } });
  }
});

test("a client IP that keeps presenting bad tokens gets 429 rate_limited with Retry-After, before its credential is even checked", async ({ tenant }) => {
  const valid = await generateToken({ tenantId: tenant.id, userId: tenant.reader.id, kind: "API_TOKEN", name: "innocent" });
  const from = (ip: string, authorization?: string) =>
    send({ port: second.port, path: "/api/v1/whoami/", headers: { "x-forwarded-for": ip, ...(authorization ? { authorization } : {}) } });
  const guesser = "203.0.113.10";
  // The limit's worth of failures, and the one that goes over it, are answered 401…
  for (let i = 0; i <= LIMIT; i++) expect((await from(guesser, `Token ${newTokenValue("API_TOKEN")}`)).status).toBe(401);
  // …then the address is refused, whatever it presents, even a valid token.
  for (const authorization of [`Token ${newTokenValue("API_TOKEN")}`, "Bearer e30.e30.x", `Token ${valid.value}`]) {
    const refused = await from(guesser, authorization);
    expect(refused.status, authorization).toBe(429);
    expect(refused.json.error.code).toBe("rate_limited");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
  }
  // Another address is not affected.
  expect((await from("203.0.113.11", `Token ${valid.value}`)).status).toBe(200);
  expect((await from("203.0.113.11", `Token ${newTokenValue("API_TOKEN")}`)).status).toBe(401);
});

test("wrong client secrets at the token endpoint count the same way: an OAuth 429 with Retry-After", async ({ tenant }) => {
  const app = await setUpApp({ id: tenant.admin.id, tenantId: tenant.id }, ["Investigation.read"]);
  const form = (secret: string) =>
    new URLSearchParams({ grant_type: "client_credentials", client_id: app.clientId, client_secret: secret, scope: `${RESOURCE}/.default` }).toString();
  const post = (ip: string, secret: string) =>
    send({ port: second.port, method: "POST", path: `/${tenant.id}/oauth2/v2.0/token`, headers: { "x-forwarded-for": ip, "content-type": "application/x-www-form-urlencoded" }, body: form(secret) });
  const guesser = "203.0.113.20";
  for (let i = 0; i <= LIMIT; i++) {
    const wrong = await post(guesser, `kpcs_wrong${i}`);
    expect(wrong.status).toBe(401);
    expect(wrong.json.error).toBe("invalid_client");
  }
  const refused = await post(guesser, app.clientSecret);
  expect(refused.status).toBe(429);
  expect(refused.json.error).toBe("invalid_request");
  expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
  expect((await post("203.0.113.21", app.clientSecret)).status).toBe(200);
});
