// The permission matrix, generated from the one permission map: every credential kind × every
// endpoint. A call is allowed (200) exactly when the credential's scopes allow the endpoint's action,
// and refused with 403 `forbidden` otherwise.
import { generateToken } from "@/lib/tokens/generate-token";
import { createIntegration } from "@/lib/integrations/integrations";
import { INTEGRATION_SCOPES, ROLE_SCOPES, SCOPES, scopesAllow, type Scope } from "@/lib/permissions";
import { callApi } from "../support/api-client";
import { setUpApp, v2Token } from "../support/oauth";
import { ENDPOINTS } from "../support/api-endpoints";
import { expect, test, type FreshTenant } from "../support/fixtures";

/** A credential kind, the scopes the map gives it, and how to get one (as an Authorization header). */
type Credential = { label: string; scopes: readonly Scope[]; issue: (tenant: FreshTenant) => Promise<string> };

const userToken = (key: "admin" | "operator" | "reader") => async (tenant: FreshTenant) =>
  `Token ${(await generateToken({ tenantId: tenant.id, userId: tenant[key].id, kind: "API_TOKEN", name: `matrix ${key}` })).value}`;

const appToken = (scopes: Scope[]) => async (tenant: FreshTenant) => {
  const app = await setUpApp({ id: tenant.admin.id, tenantId: tenant.id }, scopes);
  return `Bearer ${await v2Token(tenant.id, app.clientId, app.clientSecret)}`;
};

const CREDENTIALS: Credential[] = [
  { label: "Global administrator token", scopes: ROLE_SCOPES.GLOBAL_ADMIN, issue: userToken("admin") },
  { label: "Security operator token", scopes: ROLE_SCOPES.SECURITY_OPERATOR, issue: userToken("operator") },
  { label: "Security reader token", scopes: ROLE_SCOPES.SECURITY_READER, issue: userToken("reader") },
  ...(["SIEM_AGENT", "LOG_COLLECTOR"] as const).map((kind) => ({
    label: `${kind === "SIEM_AGENT" ? "SIEM agent" : "Log collector"} token (created by the admin)`,
    scopes: INTEGRATION_SCOPES[kind],
    issue: async (tenant: FreshTenant) =>
      `Token ${(await createIntegration({ tenantId: tenant.id, userId: tenant.admin.id, label: tenant.admin.email, role: tenant.admin.role }, kind, { name: `matrix ${kind}`, sourceType: kind === "LOG_COLLECTOR" ? "generic" : undefined })).value}`,
  })),
  // Applications hold exactly their consented application permissions.
  ...SCOPES.map((scope) => ({ label: `App with ${scope}`, scopes: [scope], issue: appToken([scope]) })),
];

for (const credential of CREDENTIALS) {
  test(`permission matrix: ${credential.label}`, async ({ tenant }) => {
    const authorization = await credential.issue(tenant);
    for (const endpoint of ENDPOINTS) {
      const { path, ...options } = await endpoint.request(tenant.id);
      const response = await callApi(path, { authorization, ...options });
      const label = `${credential.label} → ${endpoint.name}: ${response.status} ${response.text.slice(0, 200)}`;
      if (scopesAllow(credential.scopes, endpoint.action)) {
        expect(response.status, label).toBe(200);
      } else {
        expect(response.status, label).toBe(403);
        expect(response.json?.error?.code, label).toBe("forbidden");
      }
    }
  });
}
