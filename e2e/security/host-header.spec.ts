// No trust in the Host header: OpenID metadata, the token endpoint and the issuer of tokens name only
// the configured public URL, whatever Host, X-Forwarded-Host or X-Forwarded-Proto a request carries,
// and a token whose `iss` is not exactly its tenant's configured issuer is refused.
import { importPKCS8, SignJWT } from "jose";
import { currentSigningKeyPem } from "../support/e2e-data";
import { expect, PORT, test } from "../support/fixtures";
import { claimsOf, RESOURCE, setUpApp } from "../support/oauth";
import { send } from "./support/raw-http";

const PUBLIC_ORIGIN = `http://localhost:${PORT}`;
const FORGED_HOSTS: Record<string, string>[] = [
  { host: "evil.example" },
  { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
  { host: `localhost:${PORT}`, "x-forwarded-host": "evil.example" },
  { host: `contoso.localhost:${PORT}`, "x-forwarded-host": "evil.example", forwarded: "host=evil.example;proto=https" },
];

test("OpenID metadata names only the configured public URL, whatever the Host and forwarding headers say, and is never cached", async ({ tenant }) => {
  for (const headers of FORGED_HOSTS) {
    for (const [path, version] of [[`/${tenant.id}/v2.0/.well-known/openid-configuration`, "v2.0"], [`/${tenant.slug}/.well-known/openid-configuration`, "v1"]] as const) {
      const response = await send({ path, headers });
      expect(response.status, JSON.stringify(headers)).toBe(200);
      expect(response.headers["cache-control"]).toBe("no-store");
      expect(response.json.issuer).toBe(version === "v2.0" ? `${PUBLIC_ORIGIN}/${tenant.id}/v2.0` : `${PUBLIC_ORIGIN}/${tenant.id}/`);
      for (const url of [response.json.token_endpoint, response.json.jwks_uri]) expect(new URL(url).origin).toBe(PUBLIC_ORIGIN);
      expect(response.text).not.toContain("evil.example");
    }
    const keys = await send({ path: `/${tenant.id}/discovery/v2.0/keys`, headers });
    expect(keys.headers["cache-control"]).toBe("no-store");
  }
});

test("a token requested through a forged Host carries the configured issuer", async ({ tenant }) => {
  const app = await setUpApp({ id: tenant.admin.id, tenantId: tenant.id }, ["Investigation.read"]);
  const form = new URLSearchParams({ grant_type: "client_credentials", client_id: app.clientId, client_secret: app.clientSecret, scope: `${RESOURCE}/.default` }).toString();
  const response = await send({
    method: "POST",
    path: `/${tenant.id}/oauth2/v2.0/token`,
    headers: { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", "content-type": "application/x-www-form-urlencoded" },
    body: form,
  });
  expect(response.status, response.text).toBe(200);
  expect(claimsOf(response.json.access_token).iss).toBe(`${PUBLIC_ORIGIN}/${tenant.id}/v2.0`);
});

test("a token whose iss names another origin, tenant or version is refused with 401, even signed by Keyport's key", async ({ tenant }) => {
  const app = await setUpApp({ id: tenant.admin.id, tenantId: tenant.id }, ["Investigation.read"]);
  const form = new URLSearchParams({ grant_type: "client_credentials", client_id: app.clientId, client_secret: app.clientSecret, scope: `${RESOURCE}/.default` }).toString();
  const issued = await send({ method: "POST", path: `/${tenant.id}/oauth2/v2.0/token`, headers: { "content-type": "application/x-www-form-urlencoded" }, body: form });
  const claims = claimsOf(issued.json.access_token);
  const signer = await currentSigningKeyPem();
  const key = await importPKCS8(signer.pem, "RS256");
  const withIssuer = (iss: string) => new SignJWT({ ...claims, iss }).setProtectedHeader({ alg: "RS256", typ: "JWT", kid: signer.kid }).sign(key);
  const call = async (jwt: string) => send({ path: "/api/v1/whoami/", headers: { authorization: `Bearer ${jwt}` } });

  // The same claims with the configured issuer are accepted: only `iss` decides below.
  expect((await call(await withIssuer(`${PUBLIC_ORIGIN}/${tenant.id}/v2.0`))).status).toBe(200);
  for (const iss of [
    `http://evil.example/${tenant.id}/v2.0`,
    `https://localhost:${PORT}/${tenant.id}/v2.0`,
    `http://contoso.localhost:${PORT}/${tenant.id}/v2.0`,
    `${PUBLIC_ORIGIN}/${tenant.id}/`,
    `${PUBLIC_ORIGIN}/00000000-0000-4000-8000-000000000000/v2.0`,
    `${PUBLIC_ORIGIN}/${tenant.id}/v2.0/`,
  ]) {
    const refused = await call(await withIssuer(iss));
    expect(refused.status, iss).toBe(401);
    expect(refused.json.error.code).toBe("unauthorized");
    expect(refused.json.error.message).toMatch(/issuer/);
  }
});

test("sign-in redirects never lead to a forged host", async () => {
  for (const headers of FORGED_HOSTS) {
    const response = await send({ path: "/api/auth/signin", headers });
    expect(response.status).toBe(302);
    expect(response.headers.location ?? "").not.toContain("evil.example");
  }
});
