// Signing out ends the session in the database: the session guard's lookup refuses that session id
// from then on (on any instance), while the user's other sessions go on.
import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import { endSession } from "@/lib/users/end-session";
import { getSessionUser } from "@/lib/users/get-session-user";

describe("ending a session on the server", () => {
  it("refuses the signed-out session id, keeps the user's other sessions, and forgets records of expired sessions", async () => {
    const tenant = await createTenant({ slug: `se-${randomBytes(4).toString("hex")}`, name: "Sessions" });
    const user = await createUser({ tenantId: tenant.id, email: `s@${tenant.slug}.test`, name: "S", role: "SECURITY_READER", password: "x".repeat(12) });
    const claims = (sid: string) => ({ userId: user.id, tenantId: tenant.id, sessionVersion: user.sessionVersion, sid });
    const laptop = randomUUID();
    const phone = randomUUID();
    expect(await getSessionUser(claims(laptop))).toMatchObject({ id: user.id });

    await endSession({ sid: laptop, userId: user.id, expiresAt: new Date(Date.now() + 8 * 3600_000) });
    expect(await getSessionUser(claims(laptop))).toBeNull();
    expect(await getSessionUser(claims(phone))).toMatchObject({ id: user.id });
    // Signing out twice is harmless.
    await endSession({ sid: laptop, userId: user.id, expiresAt: new Date(Date.now() + 8 * 3600_000) });

    // A record whose cookie has expired anyway is cleaned up by the next sign-out; the fresh one stays.
    const old = randomUUID();
    await endSession({ sid: old, userId: user.id, expiresAt: new Date(Date.now() - 1000) }, new Date(Date.now() - 2000));
    await endSession({ sid: phone, userId: user.id, expiresAt: new Date(Date.now() + 8 * 3600_000) });
    const { db } = await import("@/lib/db/client");
    expect(await db.revokedSession.findUnique({ where: { sid: old } })).toBeNull();
    expect(await db.revokedSession.findUnique({ where: { sid: laptop } })).not.toBeNull();
  });
});
