import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/session";

const signedIn: { user: CurrentUser | null } = { user: null };
vi.mock("@/lib/auth/session", async () => {
  const { roleMay } = await import("@/lib/permissions");
  return { getCurrentUser: async () => signedIn.user, userMay: (user: CurrentUser, action: Parameters<typeof roleMay>[1]) => roleMay(user.role, action) };
});
const { withSessionAuth } = await import("@/lib/api/with-session-auth");

const user = (role: CurrentUser["role"]): CurrentUser => ({ id: "u", email: "u@example.test", name: "U", role, roleLabel: role, tenant: { id: "t", slug: "acme", name: "Acme" } });
const route = { params: Promise.resolve({}) };
const exportLog = withSessionAuth((_request, { user }) => ({ tenant: user.tenant.slug }), { action: "auditLog.read" });

describe("the session guard of route handlers", () => {
  beforeEach(() => {
    signedIn.user = null;
  });

  it("answers 401 without a session, naming no API credential scheme", async () => {
    const response = await exportLog(new Request("http://localhost/x"), route);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBeNull();
    expect(await response.json()).toMatchObject({ error: { code: "unauthorized" } });
  });

  it("answers 403 to a role the permission map does not allow, saying who may", async () => {
    signedIn.user = user("SECURITY_OPERATOR");
    const response = await exportLog(new Request("http://localhost/x"), route);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: { code: "forbidden", message: "You don't have permission to do this. Only a Global administrator can." } });
  });

  it("runs the handler for a user holding the permission, and answers a refusal it throws", async () => {
    signedIn.user = user("GLOBAL_ADMIN");
    expect(await (await exportLog(new Request("http://localhost/x"), route)).json()).toEqual({ tenant: "acme" });
    const { AppError } = await import("@/lib/errors");
    const refusing = withSessionAuth(() => {
      throw new AppError("invalid_request", "Not so.");
    }, { action: "auditLog.read" });
    const refused = await refusing(new Request("http://localhost/x"), route);
    expect(refused.status).toBe(400);
    expect(refused.headers.get("cache-control")).toBe("no-store");
  });
});
