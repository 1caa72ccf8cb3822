// Single sign-on against a provider served by the test on the loopback, whose token endpoint answers
// with ID tokens forged by jose: each check of the ID token refuses with words and an audit entry, and
// the settings page's save reads the discovery document and says what is wrong with it.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { UserActor } from "@/lib/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import { authenticateUser } from "@/lib/users/authenticate-user";
import { setUserProvisioning } from "@/lib/users/manage-users";
import { SIGN_IN_SSO_REQUIRED, SSO_REFUSALS } from "@/lib/users/sign-in-messages";
import { finishSsoSignIn, startSsoSignIn } from "@/lib/identity/sso-sign-in";
import { saveSsoSettings } from "@/lib/identity/sso-settings";
import { singleSignOnSchema, type SingleSignOnInput } from "@/lib/identity/schemas";
import { openFlow, sealFlow, type SsoFlow } from "@/lib/identity/sealed-cookie";

const CLIENT_ID = "keyport-unit";
const PASSWORD = "p".repeat(12);

type Key = { privateKey: CryptoKey; jwk: JWK };
async function key(kid: string): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" } };
}

let issuer = "";
let served: { keys: JWK[]; idToken: string; discovery: (base: string) => unknown; jwksFetches: number } = { keys: [], idToken: "", discovery: () => ({}), jwksFetches: 0 };
const provider = http.createServer((request, response) => {
  const send = (status: number, body: unknown, type = "application/json") => {
    response.writeHead(status, { "content-type": type });
    response.end(typeof body === "string" ? body : JSON.stringify(body));
  };
  const path = new URL(request.url ?? "/", issuer).pathname;
  if (path.endsWith("/.well-known/openid-configuration")) {
    const base = issuer + path.replace("/.well-known/openid-configuration", "").replace(/^\//, "/").replace(/\/$/, "");
    const document = served.discovery(base.replace(/\/$/, ""));
    return typeof document === "string" ? send(200, document, "text/html") : send(200, document);
  }
  if (path === "/jwks") {
    served.jwksFetches++;
    return send(200, { keys: served.keys });
  }
  if (path === "/token") return send(200, { access_token: "at", token_type: "Bearer", expires_in: 300, id_token: served.idToken });
  send(404, { error: "not_found" });
});

const standardDiscovery = (base: string) => ({
  issuer: base,
  authorization_endpoint: `${issuer}/authorize`,
  token_endpoint: `${issuer}/token`,
  jwks_uri: `${issuer}/jwks`,
  end_session_endpoint: `${issuer}/logout`,
  id_token_signing_alg_values_supported: ["RS256"],
});

let k1: Key;
let k2: Key;
beforeAll(async () => {
  await new Promise<void>((resolve) => provider.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
  [k1, k2] = await Promise.all([key("k1"), key("k2")]);
  served = { keys: [k1.jwk], idToken: "", discovery: standardDiscovery, jwksFetches: 0 };
});
afterAll(() => new Promise<void>((resolve) => provider.close(() => resolve())));
afterEach(() => {
  vi.useRealTimers();
  served.discovery = standardDiscovery;
});

async function tenantWithSso(overrides: Partial<SingleSignOnInput> = {}) {
  const tenant = await createTenant({ slug: `sso-${randomBytes(4).toString("hex")}`, name: "SSO" });
  const domain = `${tenant.slug}.test`;
  const admin = await createUser({ tenantId: tenant.id, email: `admin@${domain}`, name: "Admin", role: "GLOBAL_ADMIN", password: PASSWORD });
  const actor: UserActor = { tenantId: tenant.id, userId: admin.id, label: admin.email, role: "GLOBAL_ADMIN" };
  const input = singleSignOnSchema.parse({
    issuerUrl: issuer,
    clientId: CLIENT_ID,
    clientSecret: "unit-secret",
    emailDomains: domain,
    adminGroup: "Keyport Admins",
    operatorGroup: "",
    readerGroup: "Keyport Readers",
    defaultRole: "NONE",
    requireSso: false,
    ...overrides,
  });
  await saveSsoSettings(actor, input);
  return { tenant, domain, admin, actor };
}

type Claims = Record<string, unknown>;
async function idToken(claims: Claims, signer: Key = k1, header: { kid?: string } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: issuer, aud: CLIENT_ID, sub: "subject-1", iat: now, exp: now + 600, nonce: "nonce-1", ...claims })
    .setProtectedHeader({ alg: "RS256", kid: header.kid ?? signer.jwk.kid })
    .sign(signer.privateKey);
}

const flowOf = (tenantId: string): SsoFlow => ({ tenantId, state: "state-1", nonce: "nonce-1", codeVerifier: "v".repeat(43), next: "/settings/api-tokens", expiresAt: Math.floor(Date.now() / 1000) + 600 });

async function signIn(tenantId: string, claims: Claims, options: { signer?: Key; kid?: string; search?: string } = {}) {
  served.idToken = await idToken(claims, options.signer, { kid: options.kid });
  return finishSsoSignIn(options.search ?? "?code=code-1&state=state-1", flowOf(tenantId));
}

async function refusedWith(promise: Promise<unknown>, message: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).message).toBe(message);
}

const refusals = (tenantId: string) => db.auditEvent.findMany({ where: { tenantId, action: "user.ssoSignInRefused" }, orderBy: { createdAt: "asc" } });

describe("single sign-on", () => {
  it("signs a first-time person in, creating them with the role their groups give, and starts at the tenant's provider", async () => {
    const { tenant, domain } = await tenantWithSso();
    const start = await startSsoSignIn(`Nina@${domain.toUpperCase()}`, "/settings/users");
    const authorize = new URL(start.authorizationUrl);
    expect(authorize.origin + authorize.pathname).toBe(`${issuer}/authorize`);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("state")).toBe(start.flow.state);
    expect(authorize.searchParams.get("nonce")).toBe(start.flow.nonce);
    expect(start.flow.tenantId).toBe(tenant.id);
    expect(openFlow(sealFlow(start.flow))).toEqual(start.flow);

    // No email_verified at all (Entra ID sends none) is accepted; the email's letter case does not matter.
    const signedIn = await signIn(tenant.id, { email: `Nina@${domain.toUpperCase()}`, name: "Nina", groups: ["keyport readers"] });
    expect(signedIn).toMatchObject({ tenantId: tenant.id, email: `nina@${domain}`, role: "SECURITY_READER", next: "/settings/api-tokens" });
    expect(signedIn.endSessionUrl).toContain(`${issuer}/logout`);
    const user = await db.user.findFirst({ where: { tenantId: tenant.id, email: `nina@${domain}` } });
    expect(user?.lastSsoSignInAt).toBeInstanceOf(Date);
    // Created without a usable password.
    await refusedWith(authenticateUser(`nina@${domain}`, "anything-at-all"), "The email or password is not correct.");
  });

  it("sets the role the groups give at every sign-in (Entra app roles in `roles` too), and refuses no access in words", async () => {
    const { tenant, domain } = await tenantWithSso();
    const reader = await createUser({ tenantId: tenant.id, email: `omar@${domain}`, name: "Omar", role: "SECURITY_READER", password: PASSWORD });
    await expect(signIn(tenant.id, { email: `omar@${domain}`, roles: ["Keyport Admins"] })).resolves.toMatchObject({ id: reader.id, role: "GLOBAL_ADMIN" });
    expect((await db.auditEvent.findMany({ where: { tenantId: tenant.id, action: "user.roleChanged", targetId: reader.id } })).length).toBe(1);
    await refusedWith(signIn(tenant.id, { email: `omar@${domain}`, groups: ["Somewhere else"] }), SSO_REFUSALS.SsoNoAccess);
    expect((await refusals(tenant.id)).at(-1)?.details).toContain("No access");
  });

  it("signs in the person SCIM provisioned under the email as userName, before one whose email it is", async () => {
    const { tenant, domain } = await tenantWithSso();
    const provisioned = await createUser({ tenantId: tenant.id, email: `p.jones@${domain}`, name: "Pat Jones", role: "SECURITY_READER", password: PASSWORD });
    await db.user.update({ where: { id: provisioned.id, tenantId: tenant.id }, data: { scimUserName: `Pat@${domain}`, scimUserNameKey: `pat@${domain}` } });
    const other = await createUser({ tenantId: tenant.id, email: `pat@${domain}`, name: "Another Pat", role: "SECURITY_READER", password: PASSWORD });
    const signedIn = await signIn(tenant.id, { email: `PAT@${domain}`, groups: ["Keyport Readers"] });
    expect(signedIn.id).toBe(provisioned.id);
    expect(signedIn.id).not.toBe(other.id);
  });

  it("refuses a deprovisioned user even when the provider still says yes", async () => {
    const { tenant, domain, actor } = await tenantWithSso();
    const user = await createUser({ tenantId: tenant.id, email: `gone@${domain}`, name: "Gone", role: "SECURITY_READER", password: PASSWORD });
    await setUserProvisioning(actor, user.id, false);
    await refusedWith(signIn(tenant.id, { email: `gone@${domain}`, groups: ["Keyport Admins"] }), SSO_REFUSALS.SsoDeprovisioned);
  });

  it("refuses an ID token of another issuer, another audience, expired, with another nonce, or unsigned by the provider, each audited", async () => {
    const { tenant, domain } = await tenantWithSso({ defaultRole: "SECURITY_READER" });
    const email = `eve@${domain}`;
    const now = Math.floor(Date.now() / 1000);
    const forged: [string, Claims, { signer?: Key; kid?: string }?][] = [
      ["issuer", { email, iss: "https://attacker.example" }],
      ["audience", { email, aud: "another-client" }],
      ["expired", { email, iat: now - 3600, exp: now - 1800 }],
      ["nonce", { email, nonce: "replayed-nonce" }],
      ["signature", { email }, { signer: k2, kid: "k1" }],
    ];
    for (const [what, claims, options] of forged) {
      await refusedWith(signIn(tenant.id, claims, options), SSO_REFUSALS.SsoTokenRefused);
      expect((await refusals(tenant.id)).length, what).toBe(forged.findIndex(([name]) => name === what) + 1);
    }
    expect(await db.user.findFirst({ where: { tenantId: tenant.id, email } })).toBeNull();
  });

  it("refuses email_verified false, an email outside the tenant's domains, a mismatched state and a spent attempt", async () => {
    const { tenant, domain } = await tenantWithSso({ defaultRole: "SECURITY_READER" });
    await refusedWith(signIn(tenant.id, { email: `ann@${domain}`, email_verified: false }), SSO_REFUSALS.SsoEmailUnverified);
    await refusedWith(signIn(tenant.id, { email: "ann@elsewhere.test", email_verified: true }), SSO_REFUSALS.SsoEmailOutsideDomains);
    await refusedWith(signIn(tenant.id, { email: `ann@${domain}` }, { search: "?code=code-1&state=forged-state" }), SSO_REFUSALS.SsoTokenRefused);
    await refusedWith(finishSsoSignIn("?code=code-1&state=state-1", null), SSO_REFUSALS.SsoExpired);
    await refusedWith(finishSsoSignIn("?error=access_denied&state=state-1", flowOf(tenant.id)), SSO_REFUSALS.SsoProviderRefused);
    expect((await refusals(tenant.id)).length).toBe(4);
  });

  it("fetches the key set again when a token names a key it does not hold (a rotated key), at most once a minute", async () => {
    const { tenant, domain } = await tenantWithSso({ defaultRole: "SECURITY_READER" });
    await signIn(tenant.id, { email: `kim@${domain}` });
    const fetched = served.jwksFetches;
    // The provider rotates to k2; a token signed by k2 within the minute is refused, after it the key set is fetched again.
    served.keys = [k2.jwk];
    await refusedWith(signIn(tenant.id, { email: `kim@${domain}` }, { signer: k2 }), SSO_REFUSALS.SsoTokenRefused);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61_000 });
    await expect(signIn(tenant.id, { email: `kim@${domain}` }, { signer: k2 })).resolves.toMatchObject({ email: `kim@${domain}` });
    expect(served.jwksFetches).toBeGreaterThan(fetched);
    // A key the provider never published stays refused after the fresh look.
    const stranger = await key("k9");
    vi.setSystemTime(Date.now() + 61_000);
    await refusedWith(signIn(tenant.id, { email: `kim@${domain}` }, { signer: stranger }), SSO_REFUSALS.SsoTokenRefused);
    served.keys = [k1.jwk];
  });

  it("is chosen by the email's domain, and an email of no configured domain is refused in words", async () => {
    await refusedWith(startSsoSignIn("someone@unconfigured.test", "/"), SSO_REFUSALS.SsoUnknownDomain);
    await refusedWith(startSsoSignIn("", "/"), SSO_REFUSALS.SsoNoEmail);
  });
});

describe("saving single sign-on settings", () => {
  it("reads the discovery document at once and says in words what is wrong, saving nothing", async () => {
    const { actor, domain } = await tenantWithSso();
    const input = (issuerUrl: string) => singleSignOnSchema.parse({ issuerUrl, clientId: "changed", clientSecret: "", emailDomains: domain, adminGroup: "", operatorGroup: "", readerGroup: "", defaultRole: "NONE", requireSso: false });
    const refusedSave = async (issuerUrl: string, words: RegExp) => {
      const error = await saveSsoSettings(actor, input(issuerUrl)).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error, issuerUrl).toBeInstanceOf(AppError);
      expect((error as AppError).message, issuerUrl).toMatch(words);
    };
    served.discovery = (base) => ({ ...standardDiscovery(base), issuer: "https://login.example.com/other" });
    await refusedSave(issuer, /names another issuer/);
    served.discovery = () => "<html>a login page</html>";
    await refusedSave(issuer, /not JSON/);
    served.discovery = (base) => ({ ...standardDiscovery(base), authorization_endpoint: undefined });
    await refusedSave(issuer, /no authorization endpoint/);
    served.discovery = standardDiscovery;
    await refusedSave("http://127.0.0.1:1", /unreachable/);
    expect((await db.singleSignOn.findFirst({ where: { tenantId: actor.tenantId } }))?.clientId).toBe(CLIENT_ID);
  });

  it("keeps the saved secret when the field is left empty, seals it at rest, and gives a domain to one tenant only", async () => {
    const { actor, domain } = await tenantWithSso();
    const row = await db.singleSignOn.findFirst({ where: { tenantId: actor.tenantId } });
    expect(row?.sealedClientSecret).not.toContain("unit-secret");
    await saveSsoSettings(actor, singleSignOnSchema.parse({ issuerUrl: issuer, clientId: CLIENT_ID, clientSecret: "", emailDomains: `${domain}, extra-${domain}`, adminGroup: "", operatorGroup: "", readerGroup: "", defaultRole: "NONE", requireSso: false }));
    expect((await db.singleSignOn.findFirst({ where: { tenantId: actor.tenantId } }))?.sealedClientSecret).toBe(row?.sealedClientSecret);

    const other = await createTenant({ slug: `sso-${randomBytes(4).toString("hex")}`, name: "Other" });
    const otherAdmin = await createUser({ tenantId: other.id, email: `admin@${other.slug}.test`, name: "Admin", role: "GLOBAL_ADMIN", password: PASSWORD });
    const otherActor: UserActor = { tenantId: other.id, userId: otherAdmin.id, label: otherAdmin.email, role: "GLOBAL_ADMIN" };
    const error = await saveSsoSettings(otherActor, singleSignOnSchema.parse({ issuerUrl: issuer, clientId: "x", clientSecret: "s", emailDomains: `${other.slug}.test, ${domain}`, adminGroup: "", operatorGroup: "", readerGroup: "", defaultRole: "NONE", requireSso: false })).catch((thrown: unknown) => thrown);
    expect((error as AppError).code).toBe("conflict");
    expect((error as AppError).message).toContain(`${domain} is already used by another tenant's single sign-on`);
  });

  it("refuses private and plain-http issuers unless the operator allows private networks", async () => {
    const { actor, domain } = await tenantWithSso();
    vi.stubEnv("KEYPORT_OUTBOUND_PRIVATE_NETWORKS", "deny");
    try {
      for (const [issuerUrl, words] of [
        [issuer, /https:\/\//],
        ["https://127.0.0.1:8443", /public addresses/],
        ["https://localhost", /public addresses/],
        ["https://169.254.169.254/latest", /public addresses/],
      ] as const) {
        const error = await saveSsoSettings(actor, singleSignOnSchema.parse({ issuerUrl, clientId: "x", clientSecret: "", emailDomains: domain, adminGroup: "", operatorGroup: "", readerGroup: "", defaultRole: "NONE", requireSso: false })).catch((thrown: unknown) => thrown);
        expect((error as AppError).message, issuerUrl).toMatch(words);
      }
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("Require single sign-on", () => {
  it("refuses the tenant's users their password with words about single sign-on, except Global administrators, whose sign-in is audited", async () => {
    const { tenant, domain, admin } = await tenantWithSso({ requireSso: true });
    const reader = await createUser({ tenantId: tenant.id, email: `rita@${domain}`, name: "Rita", role: "SECURITY_READER", password: PASSWORD });
    const error = await authenticateUser(reader.email, PASSWORD).catch((thrown: unknown) => thrown);
    expect((error as AppError).message).toBe(SIGN_IN_SSO_REQUIRED);
    expect(SIGN_IN_SSO_REQUIRED).toContain("single sign-on");
    await expect(authenticateUser(admin.email, PASSWORD)).resolves.toMatchObject({ id: admin.id });
    expect(await db.auditEvent.count({ where: { tenantId: tenant.id, action: "user.breakGlassSignIn", targetId: admin.id } })).toBe(1);
  });
});
