// The API guard's refusals for tokens, in their order, against a real database: a token that fails
// several checks gets the first refusal of the list (401 before 403 permission_denied before 403
// ip_not_allowed), and the scopes it is given are its issuer's role now ∩ the chosen ones.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { UserActor } from "@/lib/actor";
import type { Role } from "@/lib/permissions";
import { authenticateRequest } from "@/lib/api/authenticate-request";
import { CLIENT_IP_HEADER } from "@/lib/http/client-ip";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { rotateApiToken } from "@/lib/tokens/rotate-token";
import { forgetCachedTokenById } from "@/lib/tokens/token-cache";
import { setUserProvisioning, setUserRole } from "@/lib/users/manage-users";

const actorOf = (user: { id: string; email: string; tenantId: string }, role: Role): UserActor => ({ tenantId: user.tenantId, userId: user.id, label: user.email, role });

function request(token: string, options: { ip?: string; host?: string } = {}): Request {
  const headers = new Headers({ authorization: `Token ${token}`, host: options.host ?? "localhost:3000", "user-agent": "unit" });
  if (options.ip !== undefined) headers.set(CLIENT_IP_HEADER, options.ip);
  return new Request("http://localhost:3000/api/v1/whoami/", { headers });
}

const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return { code: (error as { code: string }).code, message: (error as Error).message };
  }
  return { code: "accepted", message: "" };
};

describe("the API guard for tokens", () => {
  let tenant: { id: string; slug: string };
  let admin: UserActor;
  let operator: UserActor;
  beforeAll(async () => {
    tenant = await createTenant({ slug: `g-${randomBytes(4).toString("hex")}`, name: "Guard" });
    admin = actorOf(await createUser({ tenantId: tenant.id, email: `admin@${tenant.slug}.test`, name: "Admin", role: "GLOBAL_ADMIN", password: "x".repeat(12) }), "GLOBAL_ADMIN");
    operator = actorOf(await createUser({ tenantId: tenant.id, email: `operator@${tenant.slug}.test`, name: "Operator", role: "SECURITY_OPERATOR", password: "x".repeat(12) }), "SECURITY_OPERATOR");
  });

  it("refuses an expired token with 401 saying so, before the tenant, the issuer's state and the allowlist", async () => {
    const { token, value } = await createApiToken(operator, { name: "short", allowedIps: ["10.0.0.0/8"] });
    await db.apiToken.update({ where: { id: token.id, tenantId: tenant.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    forgetCachedTokenById(token.id);
    await setUserProvisioning(admin, operator.userId, false);
    try {
      expect(await refusal(authenticateRequest(request(value, { ip: "203.0.113.9", host: "fabrikam.localhost:3000" })))).toEqual({ code: "unauthorized", message: expect.stringMatching(/^The token expired at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\.$/) });
      // Not expired: the deprovisioned issuer comes before the allowlist.
      await db.apiToken.update({ where: { id: token.id, tenantId: tenant.id }, data: { expiresAt: new Date(Date.now() + 60_000) } });
      forgetCachedTokenById(token.id);
      expect((await refusal(authenticateRequest(request(value, { ip: "203.0.113.9" })))).code).toBe("permission_denied");
    } finally {
      await setUserProvisioning(admin, operator.userId, true);
    }
    expect(await refusal(authenticateRequest(request(value, { ip: "203.0.113.9" })))).toEqual({ code: "ip_not_allowed", message: expect.stringContaining("203.0.113.9") });
    expect((await refusal(authenticateRequest(request(value))))).toMatchObject({ code: "ip_not_allowed", message: expect.stringContaining("an unknown address") });
    expect((await refusal(authenticateRequest(request(value, { ip: "10.1.2.3" })))).code).toBe("accepted");
    expect((await refusal(authenticateRequest(request(value, { ip: "::ffff:10.1.2.3" })))).code).toBe("accepted");
  });

  it("accepts a replaced value until its grace period ends, then refuses it with 401", async () => {
    const { token, value } = await createApiToken(operator, { name: "rolled" });
    const rotated = await rotateApiToken(operator, token.id, { graceSeconds: 3600 });
    expect((await refusal(authenticateRequest(request(value)))).code).toBe("accepted");
    expect((await refusal(authenticateRequest(request(rotated.value)))).code).toBe("accepted");
    await db.apiToken.update({ where: { id: token.id, tenantId: tenant.id }, data: { previousValidUntil: new Date(Date.now() - 1) } });
    forgetCachedTokenById(token.id);
    expect(await refusal(authenticateRequest(request(value)))).toEqual({ code: "unauthorized", message: expect.stringContaining("replaced by a rotation and its grace period ended") });
    expect((await refusal(authenticateRequest(request(rotated.value)))).code).toBe("accepted");
  });

  it("gives the issuer's role now ∩ the chosen scopes, both ways across a role change", async () => {
    const { value } = await createApiToken(operator, { name: "narrowed", scopes: ["Investigation.manage", "Settings.read"] });
    expect((await authenticateRequest(request(value))).scopes).toEqual(["Investigation.manage", "Settings.read"]);
    await setUserRole(admin, operator.userId, "SECURITY_READER");
    expect((await authenticateRequest(request(value))).scopes).toEqual(["Settings.read"]);
    await setUserRole(admin, operator.userId, "GLOBAL_ADMIN");
    expect((await authenticateRequest(request(value))).scopes).toEqual(["Investigation.manage", "Settings.read"]);
    await setUserRole(admin, operator.userId, "SECURITY_OPERATOR");
  });
});
