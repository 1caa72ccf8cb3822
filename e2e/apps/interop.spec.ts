// Interoperability: a third-party OAuth client (openid-client, on oauth4webapi) discovers the metadata
// and gets a token with client credentials; jose verifies it against the published JWKS.
import { setUpApp, RESOURCE } from "../support/oauth";
import { callApi } from "../support/api-client";
import { expect, PORT, test } from "../support/fixtures";

test("openid-client discovers, gets a client-credentials token; jose verifies it against the JWKS; the API accepts it", async ({ tenant }) => {
  const app = await setUpApp({ id: tenant.admin.id, tenantId: tenant.id }, ["Investigation.read"]);
  const client = await import("openid-client");
  const { createRemoteJWKSet, jwtVerify } = await import("jose");

  const issuer = new URL(`http://localhost:${PORT}/${tenant.id}/v2.0`);
  const config = await client.discovery(issuer, app.clientId, app.clientSecret, undefined, { execute: [client.allowInsecureRequests] });
  expect(config.serverMetadata().issuer).toBe(issuer.href);

  const tokens = await client.clientCredentialsGrant(config, { scope: `${RESOURCE}/.default` });
  expect(tokens.token_type.toLowerCase()).toBe("bearer");
  expect(tokens.expires_in).toBeGreaterThan(3500);

  const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!));
  const { payload, protectedHeader } = await jwtVerify(tokens.access_token, jwks, { issuer: issuer.href, audience: RESOURCE, algorithms: ["RS256"] });
  expect(protectedHeader.alg).toBe("RS256");
  expect(payload).toMatchObject({ tid: tenant.id, azp: app.clientId, roles: ["Investigation.read"] });

  const alerts = await callApi("/api/v1/alerts/?limit=1", { authorization: `Bearer ${tokens.access_token}` });
  expect(alerts.status).toBe(200);
});
