// The portal's guard: every page and server action asks here who is signed in, and gets the user
// as the database has them now (role, tenant, deprovisioning), never as the cookie remembers them.
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { AppError } from "@/lib/errors";
import { getSessionUser } from "@/lib/users/get-session-user";
import { ROLE_LABELS, isRole, roleMay, type Action, type Role } from "@/lib/permissions";

export type CurrentUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  roleLabel: string;
  tenant: { id: string; slug: string; name: string };
};

/** null: nobody is signed in; "ended": a session cookie exists but no longer holds (deprovisioned, password reset). */
export async function getCurrentUserOrEnded(): Promise<CurrentUser | "ended" | null> {
  const session = (await getServerSession(authOptions)) as { userId?: unknown; tenantId?: unknown; sessionVersion?: unknown } | null;
  if (!session || typeof session.userId !== "string" || typeof session.tenantId !== "string" || typeof session.sessionVersion !== "number") {
    return null;
  }
  const user = await getSessionUser({ userId: session.userId, tenantId: session.tenantId, sessionVersion: session.sessionVersion });
  if (!user || !isRole(user.role)) return "ended";
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    roleLabel: ROLE_LABELS[user.role],
    tenant: { id: user.tenant.id, slug: user.tenant.slug, name: user.tenant.name },
  };
}

export async function getCurrentUser(): Promise<CurrentUser | null> {
  const user = await getCurrentUserOrEnded();
  return user === "ended" ? null : user;
}

/** For pages: the signed-in user, or a redirect to sign-in. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUserOrEnded();
  if (user === "ended") redirect("/signin?ended=1");
  if (!user) redirect("/signin");
  return user;
}

/** For pages only some roles may open: the signed-in user holding the permission, or a 403 page. */
export async function requirePermission(action: Action): Promise<CurrentUser> {
  const user = await requireUser();
  if (!userMay(user, action)) forbidden();
  return user;
}

/** For server actions: the signed-in user, or an AppError the action guard turns into a message. */
export async function requireActionUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
  return user;
}

export function userMay(user: CurrentUser, action: Action): boolean {
  return roleMay(user.role, action);
}
