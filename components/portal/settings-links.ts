// The settings menu: its sections and pages, each with the permission a role needs to open it. The
// menu lists only the pages the signed-in user's role may open (decided with the permission map, on
// the server), so nobody is offered a link that answers 403.
import { roleMay, type Action, type Role } from "@/lib/permissions";

export type SettingsLink = { href: string; label: string; permission?: Action };
export type SettingsSection = { title: string; links: SettingsLink[] };

export const SETTINGS_SECTIONS: SettingsSection[] = [
  {
    title: "Security extensions",
    links: [
      { href: "/settings/api-tokens", label: "API tokens" },
      { href: "/settings/siem-agents", label: "SIEM agents", permission: "portal.integrations.manage" },
      { href: "/settings/log-collectors", label: "Log collectors", permission: "portal.integrations.manage" },
      { href: "/settings/token-policy", label: "Token policy", permission: "portal.tokens.manageAll" },
      { href: "/settings/webhooks", label: "Webhooks", permission: "portal.webhooks.manage" },
    ],
  },
  {
    title: "Access",
    links: [
      { href: "/settings/users", label: "Users", permission: "portal.users.manage" },
      { href: "/settings/single-sign-on", label: "Single sign-on", permission: "portal.sso.manage" },
      { href: "/settings/provisioning", label: "Provisioning", permission: "portal.provisioning.manage" },
      { href: "/settings/service-accounts", label: "Service accounts", permission: "portal.serviceAccounts.manage" },
      { href: "/settings/app-registrations", label: "App registrations", permission: "portal.apps.manage" },
      { href: "/settings/audit-log", label: "Audit log", permission: "auditLog.read" },
      { href: "/settings/account", label: "My account" },
    ],
  },
];

/** The sections as `role` sees them: only the pages it may open, and no empty section. */
export function settingsSectionsFor(role: Role): { title: string; links: { href: string; label: string }[] }[] {
  return SETTINGS_SECTIONS.map((section) => ({
    title: section.title,
    links: section.links.filter((link) => !link.permission || roleMay(role, link.permission)).map(({ href, label }) => ({ href, label })),
  })).filter((section) => section.links.length > 0);
}

/** The settings page a breadcrumb label names, if any. */
export function settingsHrefOf(label: string): string | undefined {
  for (const section of SETTINGS_SECTIONS) {
    const link = section.links.find((candidate) => candidate.label === label);
    if (link) return link.href;
  }
  return undefined;
}
