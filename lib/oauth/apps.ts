// App registrations of a tenant, for its full admins: register, permissions, admin consent, client
// secrets, disable, delete. Every change is audited; every query names the admin's tenant, except the
// few that reach an app of another tenant by design (each says why). An app that is not the tenant's
// is refused with AppError("not_found").
import { randomUUID } from "node:crypto";
import { crossTenantDb, db, transaction } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { UserActor } from "@/lib/actor";
import { SCOPES, onlyRolesCan, roleMay, type Scope } from "@/lib/permissions";
import { digestToken, newClientSecretValue } from "@/lib/tokens/token-format";
import { forgetAppAccess, parseScopes, tenantMayConsent } from "@/lib/oauth/app-access";
import { NO_SUCH_APP } from "@/lib/oauth/schemas";

const noSuchApp = () => new AppError("not_found", NO_SUCH_APP);

const audit = (actor: UserActor, action: string, targetId: string, details: Record<string, unknown> = {}) => ({
  tenantId: actor.tenantId,
  actorUserId: actor.userId,
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

export async function registerApp(actor: UserActor, input: { name: string; multiTenant: boolean }) {
  return transaction(async (tx) => {
    const app = await tx.appRegistration.create({ data: { id: randomUUID(), tenantId: actor.tenantId, name: input.name, multiTenant: input.multiTenant, createdById: actor.userId } });
    await recordAuditEvent(audit(actor, "app.registered", app.id, { name: app.name, multiTenant: app.multiTenant }), tx);
    return { id: app.id, name: app.name };
  });
}

/** Everything the app's page shows. */
export async function getAppDetails(tenantId: string, appId: string) {
  const app = await db.appRegistration.findFirst({
    where: { id: appId, tenantId },
    include: {
      permissions: true,
      secrets: { orderBy: { createdAt: "desc" } },
      // The app's consents in every tenant: its own tenant's admins see who uses their app.
      consents: { include: { tenant: { select: { name: true, slug: true } } } },
    },
  });
  if (!app) throw noSuchApp();
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
export type AppDetails = Awaited<ReturnType<typeof getAppDetails>>;

/** The actor's tenant's app, or not_found. */
async function ownApp(actor: UserActor, appId: string) {
  const app = await db.appRegistration.findFirst({ where: { id: appId, tenantId: actor.tenantId } });
  if (!app) throw noSuchApp();
  return app;
}

export async function addAppPermissions(actor: UserActor, appId: string, scopes: Scope[]): Promise<void> {
  await ownApp(actor, appId);
  await transaction(async (tx) => {
    const existing = new Set((await tx.appPermission.findMany({ where: { appId } })).map((row) => row.scope));
    const added = scopes.filter((scope) => !existing.has(scope));
    if (added.length) await tx.appPermission.createMany({ data: added.map((scope) => ({ appId, scope })) });
    await recordAuditEvent(audit(actor, "app.permissionsAdded", appId, { scopes: added }), tx);
  });
}

/** Removing a permission also withdraws it from every consent: tokens lose it at once (see the API guard). */
export async function removeAppPermission(actor: UserActor, appId: string, scope: Scope): Promise<void> {
  await transaction(async (tx) => {
    // The app's consents in every tenant, reached (and changed below) through the app, which is this tenant's.
    const app = await tx.appRegistration.findFirst({ where: { id: appId, tenantId: actor.tenantId }, include: { consents: true } });
    if (!app) throw noSuchApp();
    await tx.appPermission.deleteMany({ where: { appId, scope } });
    await tx.appRegistration.update({
      where: { id: appId, tenantId: actor.tenantId },
      data: {
        consents: {
          update: app.consents.map((consent) => ({
            where: { id: consent.id },
            data: { scopesJson: JSON.stringify(parseScopes(consent.scopesJson).filter((granted) => granted !== scope)) },
          })),
        },
      },
    });
    await recordAuditEvent(audit(actor, "app.permissionRemoved", appId, { scope }), tx);
  });
  await forgetAppAccess(appId);
}

/**
 * Grants consent in `actor.tenantId` to what the app asks for now. Used on the app's own page (home
 * tenant) and on the consent page of a multi-tenant app (another tenant's admin).
 */
export async function grantAdminConsent(actor: UserActor, appId: string): Promise<{ scopes: Scope[] }> {
  // By id across tenants: a multi-tenant app is registered in another tenant than the one consenting.
  const app = await crossTenantDb.appRegistration.findUnique({ where: { id: appId }, include: { permissions: true } });
  if (!app || !tenantMayConsent(app, actor.tenantId)) throw noSuchApp();
  const scopes = orderScopes(app.permissions.map((permission) => permission.scope));
  await transaction(async (tx) => {
    await tx.appConsent.upsert({
      where: { appId_tenantId: { appId, tenantId: actor.tenantId } },
      create: { id: randomUUID(), appId, tenantId: actor.tenantId, scopesJson: JSON.stringify(scopes), grantedById: actor.userId },
      update: { scopesJson: JSON.stringify(scopes), grantedById: actor.userId, grantedAt: new Date() },
    });
    await recordAuditEvent(audit(actor, "app.consentGranted", appId, { scopes, app: app.name }), tx);
  });
  await forgetAppAccess(appId);
  return { scopes };
}

/** Withdraws the actor's tenant's consent to the app; nothing to do when there is none. */
export async function revokeAdminConsent(actor: UserActor, appId: string): Promise<void> {
  const { count } = await db.appConsent.deleteMany({ where: { appId, tenantId: actor.tenantId } });
  if (count) await recordAuditEvent(audit(actor, "app.consentRevoked", appId), db);
  await forgetAppAccess(appId);
}

export async function createClientSecret(actor: UserActor, appId: string, input: { description: string; months: number }) {
  await ownApp(actor, appId);
  const value = newClientSecretValue();
  const expiresAt = new Date();
  expiresAt.setMonth(expiresAt.getMonth() + input.months);
  const secret = await transaction(async (tx) => {
    const created = await tx.appSecret.create({
      data: { id: randomUUID(), appId, description: input.description, digest: digestToken(value), hint: `${value.slice(0, 8)}…`, expiresAt },
    });
    await recordAuditEvent(audit(actor, "app.secretAdded", appId, { secretId: created.id, description: input.description, expiresAt }), tx);
    return created;
  });
  return { id: secret.id, description: secret.description, value, expiresAt: secret.expiresAt.toISOString() };
}

export async function deleteClientSecret(actor: UserActor, appId: string, secretId: string): Promise<void> {
  await ownApp(actor, appId);
  const { count } = await db.appSecret.deleteMany({ where: { id: secretId, appId } });
  if (!count) throw noSuchApp();
  await recordAuditEvent(audit(actor, "app.secretDeleted", appId, { secretId }), db);
}

export async function setAppDisabled(actor: UserActor, appId: string, disabled: boolean): Promise<void> {
  const { count } = await db.appRegistration.updateMany({ where: { id: appId, tenantId: actor.tenantId }, data: { disabledAt: disabled ? new Date() : null } });
  if (!count) throw noSuchApp();
  await recordAuditEvent(audit(actor, disabled ? "app.disabled" : "app.enabled", appId), db);
  await forgetAppAccess(appId);
}

/** Deletes the app with its secrets and every tenant's consent to it. */
export async function deleteApp(actor: UserActor, appId: string): Promise<{ name: string }> {
  const app = await ownApp(actor, appId);
  await transaction(async (tx) => {
    await tx.appRegistration.delete({ where: { id: appId, tenantId: actor.tenantId } });
    await recordAuditEvent(audit(actor, "app.deleted", appId, { name: app.name }), tx);
  });
  await forgetAppAccess(appId);
  return { name: app.name };
}

/** The consent page's one answer for every app the viewer's tenant may not consent to (unknown ones included). */
export const APP_NOT_AVAILABLE = "This app is not available to your organization.";

export type ConsentRequest = { app: { id: string; name: string; publisher: string }; scopes: Scope[]; alreadyGranted: Scope[] };

/**
 * What the consent link `/{tenant}/adminconsent?client_id=…` shows to the signed-in user: the request
 * to review. Refuses, saying why they cannot consent: another tenant's link or not a full admin
 * ("forbidden"), no such app for their tenant ("not_found").
 */
export async function consentRequest(viewer: { tenantId: string; tenantSlug: string; tenantName: string; role: string }, pathTenant: string, appId: string): Promise<ConsentRequest> {
  if (pathTenant !== "common" && pathTenant !== viewer.tenantId && pathTenant !== viewer.tenantSlug) {
    throw new AppError("forbidden", `You are signed in to ${viewer.tenantName}: this link asks for consent in another tenant. Sign in as an administrator of that tenant.`);
  }
  if (!roleMay(viewer.role, "portal.apps.manage")) throw new AppError("forbidden", `${onlyRolesCan("portal.apps.manage")} consent to an application for the tenant.`);
  const app = appId
    ? // By client id across tenants: the consent link of a multi-tenant app is followed by admins of other tenants.
      await crossTenantDb.appRegistration.findUnique({ where: { id: appId }, include: { permissions: true, tenant: { select: { name: true } }, consents: { where: { tenantId: viewer.tenantId } } } })
    : null;
  // An unknown id, another tenant's single-tenant app and a disabled app get the same words, naming
  // nothing: the page must not tell an outsider which client ids exist or what they are called.
  if (!app || !tenantMayConsent(app, viewer.tenantId)) throw new AppError("not_found", APP_NOT_AVAILABLE);
  return {
    app: { id: app.id, name: app.name, publisher: app.tenant.name },
    scopes: orderScopes(app.permissions.map((permission) => permission.scope)),
    alreadyGranted: app.consents[0] ? parseScopes(app.consents[0].scopesJson) : [],
  };
}
