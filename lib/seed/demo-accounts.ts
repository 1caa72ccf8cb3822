// Whether the demo seed's accounts are here, for the sign-in page of a fresh quickstart: which demo
// accounts exist and where their password is. Decided from the database at each visit (the demo users
// themselves, still active), not from a setting: once an operator removes or deprovisions them, or on
// a deployment never seeded, the page names nobody.
import path from "node:path";
import { db } from "@/lib/db/client";
import { config } from "@/lib/config";
import { ROLE_LABELS, isRole } from "@/lib/permissions";
import { DEMO_TENANTS } from "@/lib/seed/seed-demo";
import { demoPasswordFile } from "@/lib/seed/demo-password";

export type DemoAccounts = { accounts: { email: string; roleLabel: string; tenant: string }[]; password: string };

/** The demo accounts that can sign in now, and where their password is; null when none is here. */
export async function presentDemoAccounts(tenants = DEMO_TENANTS): Promise<DemoAccounts | null> {
  const accounts: DemoAccounts["accounts"] = [];
  for (const spec of tenants) {
    const tenant = await db.tenant.findUnique({ where: { slug: spec.slug }, select: { id: true, name: true } });
    if (!tenant) continue;
    const emails = spec.users.filter((user) => !user.deprovisioned).map((user) => user.email);
    const users = await db.user.findMany({ where: { tenantId: tenant.id, email: { in: emails }, deprovisionedAt: null }, select: { email: true, role: true } });
    // In the seed's order, with each one's role as it is now.
    const roleOf = new Map(users.map((user) => [user.email, user.role]));
    for (const { email } of spec.users) {
      const role = roleOf.get(email);
      if (role !== undefined) accounts.push({ email, roleLabel: isRole(role) ? ROLE_LABELS[role] : role, tenant: tenant.name });
    }
  }
  if (accounts.length === 0) return null;
  return {
    accounts,
    // Where to find it, never the password itself: the sign-in page is public.
    password: config.demoPassword
      ? "the value of KEYPORT_DEMO_PASSWORD that the server was started with"
      : `printed by the seed when it ran, and kept in ${path.relative(process.cwd(), demoPasswordFile()) || demoPasswordFile()} on the server`,
  };
}
