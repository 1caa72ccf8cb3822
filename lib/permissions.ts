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
  // Which tokens a list holds: a Global administrator's token lists the whole tenant's only when it holds
  // a settings scope; without one it lists its own user's, as any other token does.
  "tokens.listAll": ["Settings.read", "Settings.manage"],
  "tokens.manage": ["Settings.manage"],
  "tokens.rotateSelf": SCOPES,

  "portal.tokens.manageAll": ["Settings.manage"],
  "portal.integrations.manage": ["Settings.manage"],
  "portal.users.manage": ["Settings.manage"],
  "portal.apps.manage": ["Settings.manage"],
  "portal.webhooks.manage": ["Settings.manage"],
  "portal.provisioning.manage": ["Settings.manage"],
  // Service accounts: a Global administrator's credential reads them with a settings scope and changes
  // them with Settings.manage (lib/service-accounts also asks for a full admin behind the credential).
  "serviceAccounts.read": ["Settings.read", "Settings.manage"],
  "serviceAccounts.manage": ["Settings.manage"],
  "portal.serviceAccounts.manage": ["Settings.manage"],
  "portal.sso.manage": ["Settings.manage"],
  // Reading (and exporting) the audit log is its own permission, decided apart from user management,
  // so the two can be given to different roles.
  "auditLog.read": ["Settings.manage"],
} as const satisfies Record<string, readonly Scope[]>;
export type Action = keyof typeof ACTION_SCOPES;

/**
 * What a credential (an API token, an application's access token) may do, one phrase per group of API
 * actions that the same scopes allow. The scope descriptions are made from these and ACTION_SCOPES, so a
 * scope's words always name everything the map lets it do (lib/permissions.test.ts ties the two).
 */
export const CAPABILITIES: readonly { actions: readonly Action[]; words: string }[] = [
  { actions: ["alerts.list", "alerts.markRead"], words: "read alerts and mark them read or unread" },
  { actions: ["alerts.close"], words: "close alerts" },
  { actions: ["activities.list", "activities.feedback"], words: "read activities and give feedback on them" },
  { actions: ["entities.list"], words: "read entities and the entity tree" },
  { actions: ["subnets.list"], words: "list IP ranges" },
  { actions: ["subnets.manage"], words: "create, update and delete IP ranges" },
  { actions: ["discovery.list"], words: "read Cloud Discovery reports and categories" },
  { actions: ["discovery.manage"], words: "upload discovery logs and generate block scripts" },
  {
    actions: ["tokens.listAll"],
    words: "list API tokens with their owners and last-used IP addresses (on a Global administrator's token: every API token of the tenant)",
  },
  { actions: ["tokens.manage"], words: "manage API tokens: make new ones, and revoke or rotate any API token of the tenant (through a user's token)" },
  { actions: ["serviceAccounts.read"], words: "list service accounts (on a Global administrator's token)" },
  {
    actions: ["serviceAccounts.manage"],
    words: "add, disable, enable and delete service accounts and make their tokens (on a Global administrator's token)",
  },
];

/**
 * Actions no scope description names, as every credential may do them whatever its scopes: who am I,
 * listing its own user's tokens, rotating itself. (Nor are the portal's "portal.*" actions named: a
 * person's role allows them, a credential never does.)
 */
export const ACTIONS_OF_NO_SCOPE: readonly Action[] = ["whoami", "tokens.list", "tokens.rotateSelf"];

/** Everything a scope allows, as one sentence made from the capabilities its actions give. */
export function describeScope(scope: Scope): string {
  const phrases = CAPABILITIES.filter((capability) => capability.actions.some((action) => (ACTION_SCOPES[action] as readonly Scope[]).includes(scope))).map((capability) => capability.words);
  if (phrases.length === 0) return "Nothing through the API.";
  const sentence = phrases.join("; ");
  return `${sentence[0].toUpperCase()}${sentence.slice(1)}.`;
}

/** What each scope lets an application or a token do, in the words the portal shows. */
export const SCOPE_DESCRIPTIONS: Record<Scope, string> = Object.fromEntries(SCOPES.map((scope) => [scope, describeScope(scope)])) as Record<Scope, string>;

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
