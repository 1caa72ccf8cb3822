// The token endpoint does not tell which client ids exist: an unknown client id and a known one with a
// wrong secret get the same answer, byte for byte (on a real database, through the endpoint handler).
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/actor";
import { createClientSecret, grantAdminConsent, addAppPermissions, registerApp } from "@/lib/oauth/apps";
import { tokenEndpoint } from "@/lib/oauth/endpoints";
import { DEFAULT_SCOPE } from "@/lib/oauth/constants";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";

async function setUp() {
  const tenant = await createTenant({ slug: `cc-${randomBytes(4).toString("hex")}`, name: "Clients" });
  const admin = await createUser({ tenantId: tenant.id, email: `a@${tenant.slug}.test`, name: "A", role: "GLOBAL_ADMIN", password: "x".repeat(12) });
  const actor: UserActor = { tenantId: tenant.id, userId: admin.id, label: admin.email, role: "GLOBAL_ADMIN" };
  const app = await registerApp(actor, { name: "Reporter", multiTenant: false });
  await addAppPermissions(actor, app.id, ["Investigation.read"]);
  await grantAdminConsent(actor, app.id);
  const secret = await createClientSecret(actor, app.id, { description: "ci", months: 6 });
  return { tenant, clientId: app.id, clientSecret: secret.value };
}

async function post(tenantId: string, form: Record<string, string>) {
  const request = new Request(`http://localhost:3000/${tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
  const response = await tokenEndpoint("2.0")(request, { params: Promise.resolve({ tenantId }) });
  return { status: response.status, body: await response.text(), authenticate: response.headers.get("www-authenticate") };
}

describe("client authentication at the token endpoint", () => {
  it("answers an unknown client id and a wrong secret identically, and still issues a token for the right pair", async () => {
    const { tenant, clientId, clientSecret } = await setUp();
    const other = await setUp();
    const base = { grant_type: "client_credentials", scope: DEFAULT_SCOPE };
    const wrongSecret = await post(tenant.id, { ...base, client_id: clientId, client_secret: clientSecret.slice(0, -2) + "zz" });
    const unknownClient = await post(tenant.id, { ...base, client_id: "00000000-0000-4000-8000-000000000000", client_secret: clientSecret });
    const notAUuid = await post(tenant.id, { ...base, client_id: "not-a-client", client_secret: clientSecret });
    const anotherAppsSecret = await post(tenant.id, { ...base, client_id: clientId, client_secret: other.clientSecret });
    expect(wrongSecret.status).toBe(401);
    expect(JSON.parse(wrongSecret.body).error).toBe("invalid_client");
    for (const answer of [unknownClient, notAUuid, anotherAppsSecret]) expect(answer).toEqual(wrongSecret);

    const issued = await post(tenant.id, { ...base, client_id: clientId, client_secret: clientSecret });
    expect(issued.status).toBe(200);
    expect(JSON.parse(issued.body)).toMatchObject({ token_type: "Bearer" });
  });
});
