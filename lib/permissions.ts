// THE permission map: which scopes each role holds, and which scopes allow each action.
// Every access decision in Keyport (API guard, pages, server actions) is made from these tables.

export const SCOPES = [
  "Investigation.read",
  "Investigation.manage",
  "Discovery.read",
  "Discovery.manage",
  "Settings.read",
  "Settings.manage",
] as const;
export type Scope = (typeof SCOPES)[number];

/** What each scope lets an application or a token do, in the words the portal shows. */
export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  "Investigation.read": "Read alerts, activities, entities and IP ranges",
  "Investigation.manage": "Also close alerts and manage IP ranges",
  "Discovery.read": "Read Cloud Discovery reports and alerts",
  "Discovery.manage": "Also upload logs and generate block scripts",
  "Settings.read": "Read IP ranges",
  "Settings.manage": "Manage IP ranges",
};

export const ROLES = ["GLOBAL_ADMIN", "SECURITY_OPERATOR", "SECURITY_READER"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  GLOBAL_ADMIN: "Global administrator",
  SECURITY_OPERATOR: "Security operator",
  SECURITY_READER: "Security reader",
};

/** Scopes per user role. A user's API token holds its issuer's scopes at request time. */
export const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  GLOBAL_ADMIN: SCOPES,
  SECURITY_OPERATOR: ["Investigation.manage", "Discovery.manage", "Settings.read"],
  SECURITY_READER: ["Investigation.read", "Discovery.read", "Settings.read"],
};

/**
 * Scopes that allow each action: holding any one of them is enough.
 * API actions follow the product docs' "supported permission scopes"; portal actions
 * (managing other people's tokens, users, integrations, apps, webhooks; reading the audit log) need Settings.manage,
 * which only the full admin role holds.
 */
export const ACTION_SCOPES = {
  "whoami": SCOPES,

  "alerts.list": ["Investigation.read", "Investigation.manage", "Discovery.read", "Discovery.manage"],
  "alerts.markRead": ["Investigation.read", "Investigation.manage", "Discovery.read", "Discovery.manage"],
  "alerts.close": ["Investigation.manage", "Discovery.manage"],
  "activities.list": ["Investigation.read", "Investigation.manage"],
  "activities.feedback": ["Investigation.read", "Investigation.manage"],
  "entities.list": ["Investigation.read", "Investigation.manage"],
  "subnets.list": ["Investigation.read", "Investigation.manage", "Settings.read", "Settings.manage"],
  "subnets.manage": ["Investigation.manage", "Settings.manage"],
  "discovery.list": ["Discovery.read", "Discovery.manage"],
  "discovery.manage": ["Discovery.manage"],

  // The tokens API. Listing is open to every user's token (what it lists is decided by who issued it);
  // making, revoking and rotating tokens by id is managing settings; a credential may always rotate itself.
  "tokens.list": SCOPES,
  "tokens.manage": ["Settings.manage"],
  "tokens.rotateSelf": SCOPES,

  "portal.tokens.manageAll": ["Settings.manage"],
  "portal.integrations.manage": ["Settings.manage"],
  "portal.users.manage": ["Settings.manage"],
  "portal.apps.manage": ["Settings.manage"],
  "portal.webhooks.manage": ["Settings.manage"],
  "portal.sso.manage": ["Settings.manage"],
  // Reading (and exporting) the audit log is its own permission, decided apart from user management,
  // so the two can be given to different roles.
  "auditLog.read": ["Settings.manage"],
} as const satisfies Record<string, readonly Scope[]>;
export type Action = keyof typeof ACTION_SCOPES;

/**
 * SIEM agents and log collectors act for the admin who created them, limited to their job:
 * an agent reads alerts and activities, a collector uploads discovery logs.
 */
export const INTEGRATION_SCOPES = {
  SIEM_AGENT: ["Investigation.read"],
  LOG_COLLECTOR: ["Discovery.manage"],
} as const satisfies Record<string, readonly Scope[]>;

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

export function scopesOfRole(role: string): readonly Scope[] {
  return isRole(role) ? ROLE_SCOPES[role] : [];
}

export function scopesAllow(scopes: readonly Scope[], action: Action): boolean {
  const allowed: readonly Scope[] = ACTION_SCOPES[action];
  return scopes.some((scope) => allowed.includes(scope));
}

export function roleMay(role: string, action: Action): boolean {
  return scopesAllow(scopesOfRole(role), action);
}

/** Who may do `action`, in words for a refusal: "Only a Global administrator can", "Only a Global administrator or a Security operator can". */
export function onlyRolesCan(action: Action): string {
  const who = ROLES.filter((role) => roleMay(role, action)).map((role) => `a ${ROLE_LABELS[role]}`);
  const last = who.pop();
  return `Only ${who.length ? `${who.join(", ")} or ${last}` : last} can`;
}

/** The full admin sees and manages every token of the tenant. */
export function isFullAdmin(role: string): boolean {
  return roleMay(role, "portal.tokens.manageAll");
}
