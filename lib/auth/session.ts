// The portal's guard: every page and server action asks here who is signed in, and gets the user
// as the database has them now (role, tenant, deprovisioning), never as the cookie remembers them.
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { signInUrlFor } from "@/lib/auth/safe-next";
import { requestPathOf } from "@/lib/http/request-path";
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
  /** Whether this session was made by single sign-on (then signing out also offers the provider's sign-out). */
  viaSso?: boolean;
};

/** null: nobody is signed in; "ended": a session cookie exists but no longer holds (signed out, deprovisioned, password reset). */
export async function getCurrentUserOrEnded(): Promise<CurrentUser | "ended" | null> {
  const session = (await getServerSession(authOptions)) as { userId?: unknown; tenantId?: unknown; sessionVersion?: unknown; sid?: unknown; ssoEndsAt?: unknown } | null;
  if (!session || typeof session.userId !== "string" || typeof session.tenantId !== "string" || typeof session.sessionVersion !== "number") {
    return null;
  }
  // A cookie without a session id predates server-side sign-out and could never be ended: sign in again.
  if (typeof session.sid !== "string") return "ended";
  // A session made by single sign-on ends when its ID token would have, however often next-auth renewed the cookie.
  if (typeof session.ssoEndsAt === "number" && session.ssoEndsAt * 1000 <= Date.now()) return "ended";
  const user = await getSessionUser({ userId: session.userId, tenantId: session.tenantId, sessionVersion: session.sessionVersion, sid: session.sid });
  if (!user || !isRole(user.role)) return "ended";
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    roleLabel: ROLE_LABELS[user.role],
    tenant: { id: user.tenant.id, slug: user.tenant.slug, name: user.tenant.name },
    viaSso: typeof session.ssoEndsAt === "number",
  };
}

export async function getCurrentUser(): Promise<CurrentUser | null> {
  const user = await getCurrentUserOrEnded();
  return user === "ended" ? null : user;
}

/** For pages: the signed-in user, or a redirect to sign-in that comes back to this page afterwards. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUserOrEnded();
  if (user === "ended") redirect(signInUrlFor(await currentPath(), { ended: "1" }));
  if (!user) redirect(signInUrlFor(await currentPath()));
  return user;
}

/** The path of the page being rendered, as the HTTP front passed it on (null when served without it). */
async function currentPath(): Promise<string | null> {
  return requestPathOf(await headers());
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
