// App registrations of a tenant, for its full admins: register, permissions, admin consent, client
// secrets, disable, delete. Every change is audited; every query is scoped to the admin's tenant.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { SCOPES, roleMay, type Scope } from "@/lib/permissions";
import { digestToken, newClientSecretValue } from "@/lib/tokens/token-format";
import { forgetAppAccess, parseScopes } from "@/lib/oauth/app-access";

export type AppActor = { id: string; tenantId: string };


const audit = (actor: AppActor, action: string, targetId: string, details: Record<string, unknown> = {}) => ({
  tenantId: actor.tenantId,
  actorUserId: actor.id,
  action,
  targetType: "APP",
  targetId,
  details,
});

const orderScopes = (scopes: Iterable<string>): Scope[] => SCOPES.filter((scope) => [...scopes].includes(scope));

export async function listApps(tenantId: string) {
  const apps = await db.appRegistration.findMany({ where: { tenantId }, orderBy: { createdAt: "desc" } });
  return apps.map((app) => ({
    id: app.id,
    name: app.name,
    multiTenant: app.multiTenant,
    disabled: app.disabledAt !== null,
    createdAt: app.createdAt.toISOString(),
  }));
}

export async function registerApp(actor: AppActor, input: { name: string; multiTenant: boolean }) {
  return db.$transaction(async (tx) => {
    const app = await tx.appRegistration.create({ data: { id: randomUUID(), tenantId: actor.tenantId, name: input.name, multiTenant: input.multiTenant, createdById: actor.id } });
    await recordAuditEvent(audit(actor, "app.registered", app.id, { name: app.name, multiTenant: app.multiTenant }), tx);
    return { id: app.id, name: app.name };
  });
}

/** Everything the app's page shows, or null when the app is not one of this tenant's. */
export async function getAppDetails(tenantId: string, appId: string) {
  const app = await db.appRegistration.findFirst({
    where: { id: appId, tenantId },
    include: {
      permissions: true,
      secrets: { orderBy: { createdAt: "desc" } },
      consents: { include: { tenant: { select: { name: true, slug: true } } } },
    },
  });
  if (!app) return null;
  const homeConsent = app.consents.find((consent) => consent.tenantId === tenantId);
  const granted = new Set(homeConsent ? parseScopes(homeConsent.scopesJson) : []);
  const requested = orderScopes(app.permissions.map((permission) => permission.scope));
  return {
    id: app.id,
    name: app.name,
    tenantId: app.tenantId,
    multiTenant: app.multiTenant,
    disabled: app.disabledAt !== null,
    createdAt: app.createdAt.toISOString(),
    permissions: requested.map((scope) => ({ scope, granted: granted.has(scope) })),
    consentNeeded: requested.some((scope) => !granted.has(scope)),
    consentedAt: homeConsent?.grantedAt.toISOString() ?? null,
    otherTenantConsents: app.consents
      .filter((consent) => consent.tenantId !== tenantId)
      .map((consent) => ({ tenant: consent.tenant.name, scopes: parseScopes(consent.scopesJson), grantedAt: consent.grantedAt.toISOString() })),
    secrets: app.secrets.map((secret) => ({ id: secret.id, description: secret.description, hint: secret.hint, expiresAt: secret.expiresAt.toISOString(), createdAt: secret.createdAt.toISOString() })),
  };
}
export type AppDetails = NonNullable<Awaited<ReturnType<typeof getAppDetails>>>;

async function ownApp(actor: AppActor, appId: string) {
  return db.appRegistration.findFirst({ where: { id: appId, tenantId: actor.tenantId } });
}

export async function addAppPermissions(actor: AppActor, appId: string, scopes: Scope[]): Promise<boolean> {
  const app = await ownApp(actor, appId);
  if (!app) return false;
  await db.$transaction(async (tx) => {
    const existing = new Set((await tx.appPermission.findMany({ where: { appId } })).map((row) => row.scope));
    const added = scopes.filter((scope) => !existing.has(scope));
    if (added.length) await tx.appPermission.createMany({ data: added.map((scope) => ({ appId, scope })) });
    await recordAuditEvent(audit(actor, "app.permissionsAdded", appId, { scopes: added }), tx);
  });
  return true;
}

/** Removing a permission also withdraws it from every consent: tokens lose it at once (see the API guard). */
export async function removeAppPermission(actor: AppActor, appId: string, scope: Scope): Promise<boolean> {
  const app = await ownApp(actor, appId);
  if (!app) return false;
  await db.$transaction(async (tx) => {
    await tx.appPermission.deleteMany({ where: { appId, scope } });
    for (const consent of await tx.appConsent.findMany({ where: { appId } })) {
      await tx.appConsent.update({ where: { id: consent.id }, data: { scopesJson: JSON.stringify(parseScopes(consent.scopesJson).filter((granted) => granted !== scope)) } });
    }
    await recordAuditEvent(audit(actor, "app.permissionRemoved", appId, { scope }), tx);
  });
  forgetAppAccess(appId);
  return true;
}

/**
 * Grants consent in `actor.tenantId` to what the app asks for now. Used on the app's own page (home
 * tenant) and on the consent page of a multi-tenant app (another tenant's admin).
 */
export async function grantAdminConsent(actor: AppActor, appId: string): Promise<{ scopes: Scope[] } | null> {
  const app = await db.appRegistration.findUnique({ where: { id: appId }, include: { permissions: true } });
  if (!app || consentRefusal(app, actor.tenantId)) return null;
  const scopes = orderScopes(app.permissions.map((permission) => permission.scope));
  await db.$transaction(async (tx) => {
    await tx.appConsent.upsert({
      where: { appId_tenantId: { appId, tenantId: actor.tenantId } },
      create: { id: randomUUID(), appId, tenantId: actor.tenantId, scopesJson: JSON.stringify(scopes), grantedById: actor.id },
      update: { scopesJson: JSON.stringify(scopes), grantedById: actor.id, grantedAt: new Date() },
    });
    await recordAuditEvent(audit(actor, "app.consentGranted", appId, { scopes, app: app.name }), tx);
  });
  forgetAppAccess(appId);
  return { scopes };
}

export async function revokeAdminConsent(actor: AppActor, appId: string): Promise<boolean> {
  const { count } = await db.appConsent.deleteMany({ where: { appId, tenantId: actor.tenantId } });
  if (count) await recordAuditEvent(audit(actor, "app.consentRevoked", appId), db);
  forgetAppAccess(appId);
  return count > 0;
}

export async function createClientSecret(actor: AppActor, appId: string, input: { description: string; months: number }) {
  const app = await ownApp(actor, appId);
  if (!app) return null;
  const value = newClientSecretValue();
  const expiresAt = new Date();
  expiresAt.setMonth(expiresAt.getMonth() + input.months);
  const secret = await db.$transaction(async (tx) => {
    const created = await tx.appSecret.create({
      data: { id: randomUUID(), appId, description: input.description, digest: digestToken(value), hint: `${value.slice(0, 8)}…`, expiresAt },
    });
    await recordAuditEvent(audit(actor, "app.secretAdded", appId, { secretId: created.id, description: input.description, expiresAt }), tx);
    return created;
  });
  return { id: secret.id, description: secret.description, value, expiresAt: secret.expiresAt.toISOString() };
}

export async function deleteClientSecret(actor: AppActor, appId: string, secretId: string): Promise<boolean> {
  const app = await ownApp(actor, appId);
  if (!app) return false;
  const { count } = await db.appSecret.deleteMany({ where: { id: secretId, appId } });
  if (count) await recordAuditEvent(audit(actor, "app.secretDeleted", appId, { secretId }), db);
  return count > 0;
}

export async function setAppDisabled(actor: AppActor, appId: string, disabled: boolean): Promise<boolean> {
  const { count } = await db.appRegistration.updateMany({ where: { id: appId, tenantId: actor.tenantId }, data: { disabledAt: disabled ? new Date() : null } });
  if (count) await recordAuditEvent(audit(actor, disabled ? "app.disabled" : "app.enabled", appId), db);
  forgetAppAccess(appId);
  return count > 0;
}

export async function deleteApp(actor: AppActor, appId: string): Promise<{ name: string } | null> {
  const app = await ownApp(actor, appId);
  if (!app) return null;
  await db.$transaction(async (tx) => {
    await tx.appRegistration.delete({ where: { id: appId } });
    await recordAuditEvent(audit(actor, "app.deleted", appId, { name: app.name }), tx);
  });
  forgetAppAccess(appId);
  return { name: app.name };
}

/**
 * Why the admins of `tenantId` may not consent to the app, or null when they may: an app's own tenant
 * always may; another tenant only to an enabled multi-tenant app.
 */
function consentRefusal(app: { name: string; tenantId: string; multiTenant: boolean; disabledAt: Date | null }, tenantId: string): string | null {
  if (app.tenantId === tenantId) return null;
  if (!app.multiTenant) return `${app.name} is registered for a single tenant: other tenants cannot consent to it.`;
  if (app.disabledAt) return `${app.name} is disabled by its publisher.`;
  return null;
}

export type ConsentPage =
  | { problem: string }
  | { problem: null; app: { id: string; name: string; publisher: string }; scopes: Scope[]; alreadyGranted: Scope[] };

/**
 * What the consent link `/{tenant}/adminconsent?client_id=…` shows to the signed-in user: the request
 * to review, or why they cannot consent (another tenant's link, not a full admin, no such app).
 */
export async function consentPage(viewer: { tenantId: string; tenantSlug: string; tenantName: string; role: string }, pathTenant: string, appId: string): Promise<ConsentPage> {
  if (pathTenant !== "common" && pathTenant !== viewer.tenantId && pathTenant !== viewer.tenantSlug) {
    return { problem: `You are signed in to ${viewer.tenantName}: this link asks for consent in another tenant. Sign in as an administrator of that tenant.` };
  }
  if (!roleMay(viewer.role, "portal.apps.manage")) return { problem: "Only a Global administrator can consent to an application for the tenant." };
  const app = appId
    ? await db.appRegistration.findUnique({ where: { id: appId }, include: { permissions: true, tenant: { select: { name: true } }, consents: { where: { tenantId: viewer.tenantId } } } })
    : null;
  if (!app) return { problem: "No application with this client id exists." };
  const refusal = consentRefusal(app, viewer.tenantId);
  if (refusal) return { problem: refusal };
  return {
    problem: null,
    app: { id: app.id, name: app.name, publisher: app.tenant.name },
    scopes: orderScopes(app.permissions.map((permission) => permission.scope)),
    alreadyGranted: app.consents[0] ? parseScopes(app.consents[0].scopesJson) : [],
  };
}
