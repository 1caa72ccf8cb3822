// How the audit log reads to a person: each action code's activity name ("Client secret deleted", not
// `app.secretDeleted`), each target type's name, and the details of an entry as labelled fields with a
// one-line summary. Pure functions of the stored entry, shared by the page, the details pane and the
// export, so all three say the same.
import { ROLE_LABELS, isRole } from "@/lib/permissions";

/** Every action the portal and the API write, in the words the log shows, grouped for the filter. */
export const ACTIVITY_GROUPS: readonly { group: string; activities: Readonly<Record<string, string>> }[] = [
  {
    group: "Tokens",
    activities: {
      "token.generated": "Token generated",
      "token.rotated": "Token rotated",
      "token.revoked": "Token revoked",
      "token.expired": "Token expired",
      "token.regenerated": "Token regenerated",
      "token.reportedLeaked": "Token reported leaked",
      "token.ipDenied": "Calls refused by IP allowlist",
      "integration.deleted": "Integration deleted",
    },
  },
  {
    group: "Users",
    activities: {
      "user.created": "User added",
      "user.roleChanged": "Role changed",
      "user.deprovisioned": "User deprovisioned",
      "user.reprovisioned": "User reprovisioned",
      "user.passwordReset": "Password reset",
      "user.passwordChanged": "Password changed",
      "user.passwordCheckFailed": "Current password check failed",
      "user.signInFailed": "Sign-in failed",
      "user.signInLocked": "Sign-in locked",
      "user.signInUnlocked": "Sign-in unlocked",
    },
  },
  {
    group: "Service accounts",
    activities: {
      "serviceAccount.created": "Service account added",
      "serviceAccount.disabled": "Service account disabled",
      "serviceAccount.enabled": "Service account enabled",
      "serviceAccount.deleted": "Service account deleted",
    },
  },
  {
    group: "Single sign-on",
    activities: {
      "singleSignOn.changed": "Single sign-on settings changed",
      "user.ssoSignIn": "Signed in with single sign-on",
      "user.ssoSignInRefused": "Single sign-on refused",
      "user.breakGlassSignIn": "Password sign-in while single sign-on is required",
    },
  },
  {
    group: "App registrations",
    activities: {
      "app.registered": "App registered",
      "app.permissionsAdded": "App permissions added",
      "app.permissionRemoved": "App permission removed",
      "app.consentGranted": "Admin consent granted",
      "app.consentRevoked": "Admin consent revoked",
      "app.secretAdded": "Client secret added",
      "app.secretDeleted": "Client secret deleted",
      "app.secretReportedLeaked": "Client secret reported leaked",
      "app.disabled": "App disabled",
      "app.enabled": "App enabled",
      "app.deleted": "App deleted",
    },
  },
  {
    group: "Webhooks",
    activities: {
      "webhook.created": "Webhook added",
      "webhook.updated": "Webhook changed",
      "webhook.deleted": "Webhook deleted",
      "webhook.paused": "Webhook paused after failures",
      "webhook.resumed": "Webhook resumed",
    },
  },
  {
    group: "Provisioning",
    activities: {
      "scim.secretGenerated": "SCIM secret token generated",
      "scim.secretReplaced": "SCIM secret token replaced",
      "user.updated": "User updated",
      "user.deleted": "User deleted from provisioning",
      "group.created": "Group added",
      "group.updated": "Group updated",
      "group.deleted": "Group deleted",
    },
  },
  {
    group: "API changes",
    activities: {
      "alerts.close_benign": "Alert closed as benign",
      "alerts.close_false_positive": "Alert closed as false positive",
      "alerts.close_true_positive": "Alert closed as true positive",
      "activities.feedback": "Feedback on an activity",
      "subnets.create": "IP range created",
      "subnets.update": "IP range updated",
      "subnets.delete": "IP range deleted",
      "discovery.upload": "Discovery log uploaded",
    },
  },
];

const ACTIVITY_NAMES: Readonly<Record<string, string>> = Object.assign({}, ...ACTIVITY_GROUPS.map((group) => group.activities));

/** "Client secret deleted" for `app.secretDeleted`; an action the table does not know yet is spelled out from its code. */
export function activityName(action: string): string {
  const known = ACTIVITY_NAMES[action];
  if (known) return known;
  const words = action
    .replace(/[._]+/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .trim();
  return words ? words[0].toUpperCase() + words.slice(1) : action;
}

const TARGET_TYPES: Readonly<Record<string, string>> = {
  API_TOKEN: "API token",
  SIEM_AGENT: "SIEM agent",
  LOG_COLLECTOR: "Log collector",
  USER: "User",
  APP: "App registration",
  WEBHOOK: "Webhook",
  GROUP: "Group",
  SERVICE_ACCOUNT: "Service account",
  subnet: "IP range",
  alert: "Alert",
  activity: "Activity",
  discoveryUpload: "Discovery upload",
};

export function targetTypeName(targetType: string): string {
  return TARGET_TYPES[targetType] ?? targetType;
}

/** How a token change was made, in words. */
export const VIA_NAMES: Readonly<Record<string, string>> = {
  ui: "Portal",
  api: "API",
  bulk: "Bulk revocation",
  offboarding: "Offboarding",
  leak_report: "Leaked-credential report",
  expiry: "Expiry",
  scheduler: "Scheduler",
  provisioning: "Provisioning (SCIM)",
};

const FIELD_LABELS: Readonly<Record<string, string>> = {
  name: "Name",
  email: "Email",
  role: "Role",
  from: "From",
  to: "To",
  via: "How",
  actor: "Acting credential",
  issuerId: "Issuer (user id)",
  issuerEmail: "Issuer",
  ips: "Client IPs",
  count: "Count",
  scopes: "Scopes",
  scope: "Scope",
  app: "App",
  multiTenant: "Multi-tenant",
  secretId: "Secret id",
  description: "Description",
  expiresAt: "Expires",
  gracePeriodSeconds: "Grace period (seconds)",
  reporterIp: "Reporter IP",
  matched: "Matched",
  credential: "Calling credential",
  hint: "Hint",
  url: "URL",
  events: "Events",
  ids: "Ids",
  comment: "Comment",
  fields: "Fields changed",
  feedback: "Feedback",
  note: "Note",
  fileName: "File",
  domains: "Domains",
};

export type DetailField = { key: string; label: string; value: string };

function readableValue(key: string, value: unknown): string {
  if (value === null || value === undefined) return "—";
  if ((key === "from" || key === "to" || key === "role") && typeof value === "string" && isRole(value)) return ROLE_LABELS[value];
  if (key === "via" && typeof value === "string") return VIA_NAMES[value] ?? value;
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (Array.isArray(value) && value.every((item) => typeof item !== "object" || item === null)) return value.length ? value.join(", ") : "none";
  if (typeof value === "object") return JSON.stringify(value, null, 2);
  return String(value);
}

function fieldLabel(key: string): string {
  if (FIELD_LABELS[key]) return FIELD_LABELS[key];
  const words = key.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/_/g, " ").toLowerCase();
  return words[0]?.toUpperCase() + words.slice(1);
}

/** The stored details (a JSON object) as labelled fields, in the order they were written. */
export function detailFields(details: string): DetailField[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(details);
  } catch {
    return details.trim() ? [{ key: "raw", label: "Details", value: details }] : [];
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return [];
  return Object.entries(parsed as Record<string, unknown>).map(([key, value]) => ({ key, label: fieldLabel(key), value: readableValue(key, value) }));
}

/** A short line under the activity name for the entries where one detail says most ("Security reader → Security operator"). */
export function activitySummary(action: string, details: string, occurrences: number): string | null {
  let parsed: Record<string, unknown> = {};
  try {
    const value = JSON.parse(details) as unknown;
    if (value && typeof value === "object" && !Array.isArray(value)) parsed = value as Record<string, unknown>;
  } catch {
    return null;
  }
  const text = (key: string) => readableValue(key, parsed[key]);
  switch (action) {
    case "user.roleChanged":
      return parsed.from !== undefined && parsed.to !== undefined ? `${text("from")} → ${text("to")}` : null;
    case "user.created":
      return parsed.role !== undefined ? `as ${text("role")}` : null;
    case "token.ipDenied": {
      const ips = Array.isArray(parsed.ips) ? parsed.ips.filter((ip): ip is string => typeof ip === "string") : [];
      const calls = `${occurrences} call${occurrences === 1 ? "" : "s"}`;
      return ips.length ? `${calls} from ${ips.slice(0, 3).join(", ")}${ips.length > 3 ? " …" : ""}` : calls;
    }
    default:
      return typeof parsed.via === "string" ? `via ${text("via")}` : null;
  }
}
