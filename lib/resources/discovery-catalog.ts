// A small catalogue of well-known cloud apps: gives uploaded domains a name, category and risk score,
// and is the source of the seeded discovery data.
export const DISCOVERY_CATEGORIES = [
  "Cloud storage",
  "Collaboration",
  "Webmail",
  "Social network",
  "Code hosting",
  "File sharing",
  "CRM",
  "Generative AI",
  "Content management",
  "Uncategorized",
] as const;

export type CatalogApp = { name: string; domain: string; category: (typeof DISCOVERY_CATEGORIES)[number]; riskScore: number };

export const CATALOG: CatalogApp[] = [
  { name: "Dropbox", domain: "dropbox.com", category: "Cloud storage", riskScore: 7 },
  { name: "Box", domain: "box.com", category: "Cloud storage", riskScore: 9 },
  { name: "Mega", domain: "mega.nz", category: "Cloud storage", riskScore: 3 },
  { name: "pCloud", domain: "pcloud.com", category: "Cloud storage", riskScore: 5 },
  { name: "Slack", domain: "slack.com", category: "Collaboration", riskScore: 8 },
  { name: "Trello", domain: "trello.com", category: "Collaboration", riskScore: 7 },
  { name: "Notion", domain: "notion.so", category: "Collaboration", riskScore: 7 },
  { name: "Gmail", domain: "mail.google.com", category: "Webmail", riskScore: 8 },
  { name: "Proton Mail", domain: "proton.me", category: "Webmail", riskScore: 8 },
  { name: "Yandex Mail", domain: "mail.yandex.ru", category: "Webmail", riskScore: 3 },
  { name: "Facebook", domain: "facebook.com", category: "Social network", riskScore: 6 },
  { name: "LinkedIn", domain: "linkedin.com", category: "Social network", riskScore: 8 },
  { name: "VK", domain: "vk.com", category: "Social network", riskScore: 2 },
  { name: "GitHub", domain: "github.com", category: "Code hosting", riskScore: 9 },
  { name: "GitLab", domain: "gitlab.com", category: "Code hosting", riskScore: 9 },
  { name: "Pastebin", domain: "pastebin.com", category: "Code hosting", riskScore: 2 },
  { name: "WeTransfer", domain: "wetransfer.com", category: "File sharing", riskScore: 5 },
  { name: "SendSpace", domain: "sendspace.com", category: "File sharing", riskScore: 2 },
  { name: "4shared", domain: "4shared.com", category: "File sharing", riskScore: 1 },
  { name: "Salesforce", domain: "salesforce.com", category: "CRM", riskScore: 10 },
  { name: "HubSpot", domain: "hubspot.com", category: "CRM", riskScore: 9 },
  { name: "ChatGPT", domain: "chatgpt.com", category: "Generative AI", riskScore: 6 },
  { name: "Character.AI", domain: "character.ai", category: "Generative AI", riskScore: 3 },
  { name: "WordPress", domain: "wordpress.com", category: "Content management", riskScore: 6 },
];

export function catalogEntry(domain: string): CatalogApp | undefined {
  return CATALOG.find((app) => domain === app.domain || domain.endsWith(`.${app.domain}`));
}
