// A tenant's single sign-on settings: read for the settings page (never the client secret), saved by a
// full admin after the issuer's discovery document has been read and found right, and read with the
// secret opened for a sign-in. Read from the database on every use, so every instance follows a change
// at once.
import { db, transaction } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { UserActor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { isFullAdmin, onlyRolesCan } from "@/lib/permissions";
import { decryptPrivateKey, encryptPrivateKey } from "@/lib/oauth/key-encryption";
import { publicOrigin } from "@/lib/http/public-url";
import { discoverProvider } from "@/lib/identity/discovery";
import { domainsOfOtherTenants } from "@/lib/identity/sso-domains";
import { isDefaultRole, type DefaultRole } from "@/lib/identity/role-groups";
import type { SingleSignOnValues } from "@/lib/identity/schemas";

/** Where the provider sends the person back: on the public URL, the same on every instance and after restarts. */
export function ssoRedirectUri(): string {
  return `${publicOrigin()}/signin/sso/callback`;
}

export type SsoSettingsView = {
  issuerUrl: string;
  clientId: string;
  hasClientSecret: boolean;
  emailDomains: string;
  adminGroup: string;
  operatorGroup: string;
  readerGroup: string;
  defaultRole: DefaultRole;
  requireSso: boolean;
};

/** The settings as the page shows them; null when the tenant has none yet. The secret is only said to exist. */
export async function getSsoSettingsView(tenantId: string): Promise<SsoSettingsView | null> {
  const row = await db.singleSignOn.findFirst({ where: { tenantId }, include: { domains: { orderBy: { domain: "asc" } } } });
  if (!row) return null;
  return {
    issuerUrl: row.issuerUrl,
    clientId: row.clientId,
    hasClientSecret: row.sealedClientSecret !== "",
    emailDomains: row.domains.map((entry) => entry.domain).join(", "),
    adminGroup: row.adminGroup ?? "",
    operatorGroup: row.operatorGroup ?? "",
    readerGroup: row.readerGroup ?? "",
    defaultRole: isDefaultRole(row.defaultRole) ? row.defaultRole : "NONE",
    requireSso: row.requireSso,
  };
}

export type SsoConfiguration = {
  tenantId: string;
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  domains: string[];
  adminGroup: string | null;
  operatorGroup: string | null;
  readerGroup: string | null;
  defaultRole: DefaultRole;
  requireSso: boolean;
  updatedAt: Date;
};

/** The tenant's settings with the secret opened, for a sign-in; null when the tenant has none. */
export async function loadSsoConfiguration(tenantId: string): Promise<SsoConfiguration | null> {
  const row = await db.singleSignOn.findFirst({ where: { tenantId }, include: { domains: true } });
  if (!row) return null;
  return {
    tenantId: row.tenantId,
    issuerUrl: row.issuerUrl,
    clientId: row.clientId,
    clientSecret: row.sealedClientSecret ? decryptPrivateKey(row.sealedClientSecret) : "",
    domains: row.domains.map((entry) => entry.domain),
    adminGroup: row.adminGroup,
    operatorGroup: row.operatorGroup,
    readerGroup: row.readerGroup,
    defaultRole: isDefaultRole(row.defaultRole) ? row.defaultRole : "NONE",
    requireSso: row.requireSso,
    updatedAt: row.updatedAt,
  };
}

/** Whether the tenant refuses password sign-in to all but its Global administrators. */
export async function ssoRequired(tenantId: string): Promise<boolean> {
  const row = await db.singleSignOn.findFirst({ where: { tenantId }, select: { requireSso: true } });
  return row?.requireSso ?? false;
}

const domainsTaken = (domains: string[]) => {
  const message = `${domains.join(", ")} ${domains.length === 1 ? "is" : "are"} already used by another tenant's single sign-on: a domain can belong to one tenant only.`;
  return new AppError("conflict", message, { details: { emailDomains: [message] } });
};

/**
 * Saves the settings: the issuer's discovery document is read first, and nothing is saved unless it
 * names this issuer and an authorization endpoint. Audited with what changed (never the secret itself).
 */
export async function saveSsoSettings(actor: UserActor, input: SingleSignOnValues): Promise<{ changed: string[] }> {
  if (!actor.role || !isFullAdmin(actor.role)) throw new AppError("forbidden", `You don't have permission to do this. ${onlyRolesCan("portal.sso.manage")}.`);
  const taken = await domainsOfOtherTenants(actor.tenantId, input.emailDomains);
  if (taken.length) throw domainsTaken(taken);
  await discoverProvider(input.issuerUrl);

  try {
    return await transaction(async (tx) => {
      const before = await tx.singleSignOn.findFirst({ where: { tenantId: actor.tenantId }, include: { domains: true } });
      if (!before && !input.clientSecret) {
        const message = "Enter the client secret the provider gave for Keyport.";
        throw new AppError("invalid_request", message, { details: { clientSecret: [message] } });
      }
      const fields = {
        issuerUrl: input.issuerUrl,
        clientId: input.clientId,
        adminGroup: input.adminGroup,
        operatorGroup: input.operatorGroup,
        readerGroup: input.readerGroup,
        defaultRole: input.defaultRole,
        requireSso: input.requireSso,
      };
      const sealed = input.clientSecret ? encryptPrivateKey(input.clientSecret) : undefined;
      const changed: string[] = [];
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const [key, value] of Object.entries(fields)) {
        const previous = before ? (before as unknown as Record<string, unknown>)[key] : null;
        if (previous !== value) {
          changed.push(key);
          changes[key] = { from: previous ?? null, to: value };
        }
      }
      const previousDomains = (before?.domains ?? []).map((entry) => entry.domain).sort();
      const domains = [...input.emailDomains].sort();
      if (previousDomains.join(",") !== domains.join(",")) {
        changed.push("emailDomains");
        changes.emailDomains = { from: previousDomains, to: domains };
      }
      if (sealed) changed.push("clientSecret");

      if (before) {
        await tx.singleSignOn.update({ where: { tenantId: actor.tenantId }, data: { ...fields, ...(sealed ? { sealedClientSecret: sealed } : {}) } });
      } else {
        await tx.singleSignOn.create({ data: { tenantId: actor.tenantId, ...fields, sealedClientSecret: sealed! } });
      }
      await tx.singleSignOnDomain.deleteMany({ where: { tenantId: actor.tenantId, domain: { notIn: domains } } });
      const kept = new Set(previousDomains);
      const added = domains.filter((domain) => !kept.has(domain));
      if (added.length) await tx.singleSignOnDomain.createMany({ data: added.map((domain) => ({ domain, tenantId: actor.tenantId })) });

      if (changed.length) {
        await recordAuditEvent(
          {
            tenantId: actor.tenantId,
            actorUserId: actor.userId,
            action: "singleSignOn.changed",
            targetType: "TENANT",
            targetId: actor.tenantId,
            targetLabel: "Single sign-on",
            details: { ...changes, ...(sealed ? { clientSecret: "replaced" } : {}) },
          },
          tx,
        );
      }
      return { changed };
    });
  } catch (error) {
    // Another tenant saved one of these domains between the check and the insert.
    if ((error as { code?: unknown } | null)?.code === "P2002") throw domainsTaken(input.emailDomains);
    throw error;
  }
}

/** The break-glass sign-ins (a Global administrator's password while single sign-on is required), newest first. */
export async function listBreakGlassSignIns(tenantId: string, take = 20): Promise<{ id: string; email: string; at: string; clientIp: string | null }[]> {
  const rows = await db.auditEvent.findMany({ where: { tenantId, action: "user.breakGlassSignIn" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take });
  return rows.map((row) => {
    let details: Record<string, unknown> = {};
    try {
      details = JSON.parse(row.details) as Record<string, unknown>;
    } catch {
      // an unreadable entry still shows when it happened
    }
    return { id: row.id, email: row.targetLabel ?? String(details.email ?? ""), at: row.createdAt.toISOString(), clientIp: typeof details.clientIp === "string" ? details.clientIp : null };
  });
}
