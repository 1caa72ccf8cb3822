// The client-credentials grant and Bearer access to the API over HTTP: tokens from the v1 and v2
// endpoints, their RFC 6749 errors, and the API's answer to Bearer tokens.
import { addAppPermissions, deleteApp, grantAdminConsent, removeAppPermission, setAppDisabled } from "@/lib/oauth/apps";
import { currentSigningKeyPem, latestAuditEvent, resourceIdsOf } from "../support/e2e-data";
import { callApi, tenantHost } from "../support/api-client";
import { adminActor, claimsOf, postForm, RESOURCE, setUpApp, v2Token } from "../support/oauth";
import { createFreshTenant, expect, test } from "../support/fixtures";

test("the seed's calls: v2 with scope and v1 with resource both return an RS256 token with the consented roles; it reads but may not close", async ({ tenant }) => {
  const admin = adminActor({ id: tenant.admin.id, tenantId: tenant.id });
  const app = await setUpApp(admin, ["Investigation.read"]);

  const v2 = await postForm(`/${tenant.id}/oauth2/v2.0/token`, { grant_type: "client_credentials", client_id: app.clientId, client_secret: app.clientSecret, scope: `${RESOURCE}/.default` });
  expect(v2.status).toBe(200);
  expect(v2.json).toMatchObject({ token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599 });
  expect(v2.headers["cache-control"]).toBe("no-store");
  const header = JSON.parse(Buffer.from(v2.json.access_token.split(".")[0], "base64url").toString());
  expect(header).toMatchObject({ alg: "RS256", typ: "JWT" });
  expect(typeof header.kid).toBe("string");
  const claims = claimsOf(v2.json.access_token);
  expect(claims).toMatchObject({ aud: RESOURCE, tid: tenant.id, azp: app.clientId, roles: ["Investigation.read"], ver: "2.0" });
  expect(claims.iss).toMatch(new RegExp(`/${tenant.id}/v2\\.0$`));
  expect(claims.sub).toBe(claims.oid);
  expect(claims.exp - claims.iat).toBe(3600);
  expect(claims.nbf).toBeLessThanOrEqual(claims.iat);

  // v1, with HTTP Basic client authentication this time.
  const basic = Buffer.from(`${encodeURIComponent(app.clientId)}:${encodeURIComponent(app.clientSecret)}`).toString("base64");
  const v1 = await postForm(`/${tenant.id}/oauth2/token`, { grant_type: "client_credentials", resource: RESOURCE }, { authorization: `Basic ${basic}` });
  expect(v1.status).toBe(200);
  expect(claimsOf(v1.json.access_token)).toMatchObject({ appid: app.clientId, ver: "1.0", roles: ["Investigation.read"] });
  expect(claimsOf(v1.json.access_token).iss).toMatch(new RegExp(`/${tenant.id}/$`));

  const bearer = `Bearer ${v2.json.access_token}`;
  const alerts = await callApi("/api/v1/alerts/?limit=3", { authorization: bearer });
  expect(alerts.status).toBe(200);
  expect(alerts.json.data).toHaveLength(3);
  expect((await callApi("/api/v1/alerts/?limit=1", { authorization: `Bearer ${v1.json.access_token}` })).status).toBe(200);
  const { openAlertIds } = await resourceIdsOf(tenant.id);
  const close = await callApi("/api/v1/alerts/close_benign/", { authorization: bearer, body: { filters: { id: { eq: [openAlertIds[0]] } } } });
  expect(close.status).toBe(403);
  expect(close.json.error.code).toBe("forbidden");

  // Add Investigation.manage: no effect until consent, and then only for a new token.
  await addAppPermissions(admin, app.clientId, ["Investigation.manage"]);
  const beforeConsent = await v2Token(tenant.id, app.clientId, app.clientSecret);
  expect(claimsOf(beforeConsent).roles).toEqual(["Investigation.read"]);
  await grantAdminConsent(admin, app.clientId);
  expect((await callApi("/api/v1/alerts/close_benign/", { authorization: bearer, body: { filters: { id: { eq: [openAlertIds[0]] } } } })).status).toBe(403);
  const fresh = await v2Token(tenant.id, app.clientId, app.clientSecret);
  expect(claimsOf(fresh).roles).toEqual(["Investigation.read", "Investigation.manage"]);
  // The consent changed in this (other) process: the server may hold the old consent for up to a second.
  await expect
    .poll(async () => (await callApi("/api/v1/alerts/close_benign/", { authorization: `Bearer ${fresh}`, body: { filters: { id: { eq: [openAlertIds[0]] } }, comment: "by the app" } })).json?.closed, { timeout: 3000 })
    .toBe(1);
  expect((await callApi(`/api/v1/alerts/${openAlertIds[0]}/`, { authorization: `Bearer ${fresh}` })).json.handledByUser).toBe(`app:${app.name}`);
  // The audit trail names the application that acted.
  const audit = await latestAuditEvent(tenant.id, "alerts.close_benign");
  expect(audit?.actorUserId).toBeNull();
  expect(JSON.parse(audit!.details)).toMatchObject({ actor: `app:${app.name}`, ids: [openAlertIds[0]] });
});

test("token endpoint errors: each case its own RFC 6749 code and description", async ({ tenant }) => {
  const admin = adminActor({ id: tenant.admin.id, tenantId: tenant.id });
  const app = await setUpApp(admin, ["Investigation.read"]);
  const unconsented = await setUpApp(admin, ["Investigation.read"], { consent: false });
  const expired = await setUpApp(admin, ["Investigation.read"], { months: -1 });
  const base = { grant_type: "client_credentials", client_id: app.clientId, client_secret: app.clientSecret, scope: `${RESOURCE}/.default` };
  const v2 = `/${tenant.id}/oauth2/v2.0/token`;
  const cases: [string, string, Record<string, string>, number, string, RegExp][] = [
    ["wrong secret", v2, { ...base, client_secret: app.clientSecret.slice(0, -1) + (app.clientSecret.endsWith("x") ? "y" : "x") }, 401, "invalid_client", /secret/i],
    ["another app's secret", v2, { ...base, client_secret: unconsented.clientSecret }, 401, "invalid_client", /secret/i],
    ["unknown client", v2, { ...base, client_id: "00000000-0000-4000-8000-000000000000" }, 401, "invalid_client", /not found/i],
    ["expired secret", v2, { ...base, client_id: expired.clientId, client_secret: expired.clientSecret }, 401, "invalid_client", /expired/i],
    ["no consent", v2, { ...base, client_id: unconsented.clientId, client_secret: unconsented.clientSecret }, 400, "unauthorized_client", /consent/i],
    ["wrong scope", v2, { ...base, scope: "https://graph.microsoft.com/.default" }, 400, "invalid_scope", /scope/i],
    ["no scope", v2, { grant_type: base.grant_type, client_id: base.client_id, client_secret: base.client_secret }, 400, "invalid_scope", /scope/i],
    ["wrong resource (v1)", `/${tenant.id}/oauth2/token`, { grant_type: "client_credentials", client_id: app.clientId, client_secret: app.clientSecret, resource: "https://example.com" }, 400, "invalid_scope", /resource/i],
    ["wrong grant", v2, { ...base, grant_type: "password" }, 400, "invalid_request", /grant/i],
    ["no client id", v2, { grant_type: base.grant_type, client_secret: base.client_secret, scope: base.scope }, 400, "invalid_request", /client_id/i],
    ["unknown tenant", "/00000000-0000-4000-8000-000000000000/oauth2/v2.0/token", base, 400, "invalid_request", /tenant/i],
  ];
  for (const [label, path, form, status, code, description] of cases) {
    const response = await postForm(path, form);
    expect(response.status, label).toBe(status);
    expect(response.json.error, label).toBe(code);
    expect(response.json.error_description, label).toMatch(description);
  }
  const json = await callApi(v2, { body: base });
  expect(json.status).toBe(400);
});

test("an expired, tampered, foreign-signed or role-less JWT is refused", async ({ tenant }) => {
  const admin = adminActor({ id: tenant.admin.id, tenantId: tenant.id });
  const app = await setUpApp(admin, ["Investigation.read"]);
  const token = await v2Token(tenant.id, app.clientId, app.clientSecret);
  const [header, payload, signature] = token.split(".");

  const raised = Buffer.from(JSON.stringify({ ...claimsOf(token), roles: ["Investigation.manage"] })).toString("base64url");
  const tampered = await callApi("/api/v1/alerts/", { authorization: `Bearer ${header}.${raised}.${signature}` });
  expect(tampered.status).toBe(401);
  expect(tampered.json.error.code).toBe("unauthorized");
  expect(tampered.headers["www-authenticate"]).toMatch(/Bearer/);

  const { SignJWT, generateKeyPair } = await import("jose");
  const { privateKey } = await generateKeyPair("RS256");
  const now = Math.floor(Date.now() / 1000);
  const foreign = await new SignJWT(claimsOf(token)).setProtectedHeader({ alg: "RS256", kid: JSON.parse(Buffer.from(header, "base64url").toString()).kid }).sign(privateKey);
  expect((await callApi("/api/v1/alerts/", { authorization: `Bearer ${foreign}` })).status).toBe(401);
  const none = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${payload}.`;
  expect((await callApi("/api/v1/alerts/", { authorization: `Bearer ${none}` })).status).toBe(401);

  // An expired token: signed by Keyport's own key (read through lib/), two hours old.
  const { importPKCS8 } = await import("jose");
  const signer = await currentSigningKeyPem();
  const expired = await new SignJWT({ ...claimsOf(token), iat: now - 7200, nbf: now - 7200, exp: now - 3600 }).setProtectedHeader({ alg: "RS256", kid: signer.kid }).sign(await importPKCS8(signer.pem, "RS256"));
  const refused = await callApi("/api/v1/alerts/", { authorization: `Bearer ${expired}` });
  expect(refused.status).toBe(401);
  expect(refused.json.error.message).toMatch(/expired/);

  // An app consented with no permissions gets a token without roles, and the API refuses it.
  const bare = await setUpApp(admin, []);
  const roleless = await v2Token(tenant.id, bare.clientId, bare.clientSecret);
  expect(claimsOf(roleless).roles).toBeUndefined();
  const noRoles = await callApi("/api/v1/alerts/", { authorization: `Bearer ${roleless}` });
  expect(noRoles.status).toBe(403);
  expect(noRoles.json.error.message).toMatch(/roles/);
});

test("a token minted for one tenant cannot read another", async ({ tenant }) => {
  const app = await setUpApp({ id: tenant.admin.id, tenantId: tenant.id }, ["Investigation.read"]);
  const token = await v2Token(tenant.id, app.clientId, app.clientSecret);
  const other = await createFreshTenant();
  const onOther = await callApi("/api/v1/alerts/", { authorization: `Bearer ${token}`, host: tenantHost(other.slug) });
  expect(onOther.status).toBe(401);
  const onContoso = await callApi("/api/v1/alerts/", { authorization: `Bearer ${token}`, host: tenantHost("contoso") });
  expect(onContoso.status).toBe(401);
  // A single-tenant app cannot get a token for another tenant at all.
  const forOther = await postForm(`/${other.id}/oauth2/v2.0/token`, { grant_type: "client_credentials", client_id: app.clientId, client_secret: app.clientSecret, scope: `${RESOURCE}/.default` });
  expect(forOther.status).toBe(400);
  expect(forOther.json.error).toBe("unauthorized_client");
  // Ids of the other tenant are 404 to this tenant's token.
  const theirs = await resourceIdsOf(other.id);
  expect((await callApi(`/api/v1/alerts/${theirs.alertId}/`, { authorization: `Bearer ${token}` })).status).toBe(404);
});

test("removing a permission, disabling or deleting the app reaches issued tokens at once", async ({ tenant }) => {
  const admin = adminActor({ id: tenant.admin.id, tenantId: tenant.id });
  const app = await setUpApp(admin, ["Investigation.read", "Settings.read"]);
  const token = await v2Token(tenant.id, app.clientId, app.clientSecret);
  const alerts = () => callApi("/api/v1/alerts/?limit=1", { authorization: `Bearer ${token}` });
  expect((await alerts()).status).toBe(200);

  await removeAppPermission(admin, app.clientId, "Investigation.read");
  await expect.poll(async () => (await alerts()).status, { timeout: 3000 }).toBe(403);
  expect((await callApi("/api/v1/subnet/", { authorization: `Bearer ${token}` })).status).toBe(200);

  await setAppDisabled(admin, app.clientId, true);
  await expect.poll(async () => (await callApi("/api/v1/subnet/", { authorization: `Bearer ${token}` })).status, { timeout: 3000 }).toBe(401);
  const whileDisabled = await postForm(`/${tenant.id}/oauth2/v2.0/token`, { grant_type: "client_credentials", client_id: app.clientId, client_secret: app.clientSecret, scope: `${RESOURCE}/.default` });
  expect(whileDisabled.json.error).toBe("unauthorized_client");
  await setAppDisabled(admin, app.clientId, false);
  await expect.poll(async () => (await callApi("/api/v1/subnet/", { authorization: `Bearer ${token}` })).status, { timeout: 3000 }).toBe(200);

  await deleteApp(admin, app.clientId);
  await expect.poll(async () => (await callApi("/api/v1/subnet/", { authorization: `Bearer ${token}` })).status, { timeout: 3000 }).toBe(401);
  const afterDelete = await postForm(`/${tenant.id}/oauth2/v2.0/token`, { grant_type: "client_credentials", client_id: app.clientId, client_secret: app.clientSecret, scope: `${RESOURCE}/.default` });
  expect(afterDelete.json.error).toBe("invalid_client");
});

test("OpenID metadata (v1 and v2) name the issuer, token endpoint and a JWKS holding the signing key", async ({ tenant }) => {
  const app = await setUpApp({ id: tenant.admin.id, tenantId: tenant.id }, ["Investigation.read"]);
  const token = await v2Token(tenant.id, app.clientId, app.clientSecret);
  for (const [path, version] of [[`/${tenant.id}/v2.0/.well-known/openid-configuration`, "v2.0"], [`/${tenant.id}/.well-known/openid-configuration`, "v1"]] as const) {
    const metadata = await callApi(path);
    expect(metadata.status, path).toBe(200);
    expect(metadata.json.token_endpoint).toMatch(version === "v2.0" ? /\/oauth2\/v2\.0\/token$/ : /\/oauth2\/token$/);
    const jwksPath = new URL(metadata.json.jwks_uri).pathname;
    const jwks = await callApi(jwksPath);
    const kid = JSON.parse(Buffer.from(token.split(".")[0], "base64url").toString()).kid;
    expect(jwks.json.keys.map((key: { kid: string }) => key.kid)).toContain(kid);
    for (const key of jwks.json.keys) {
      expect(key).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
      expect(key.d).toBeUndefined();
    }
  }
  expect(claimsOf(token).iss).toBe((await callApi(`/${tenant.id}/v2.0/.well-known/openid-configuration`)).json.issuer);
  expect((await callApi("/00000000-0000-4000-8000-000000000000/v2.0/.well-known/openid-configuration")).status).toBe(404);
});
