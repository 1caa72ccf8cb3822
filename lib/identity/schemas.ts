// What Settings › Single sign-on accepts. The client secret may be left empty on a later save (the
// saved one is kept); the email domains are one comma-separated field, each a plain DNS name.
import { z } from "zod";
import { DEFAULT_ROLES } from "@/lib/identity/role-groups";

const DOMAIN = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;

/** "Example.com, sub.example.org" → ["example.com", "sub.example.org"], or the first problem in words. */
export function parseDomains(text: string): { domains: string[] } | { problem: string } {
  const domains = [...new Set(text.split(/[,\s]+/).map((part) => part.trim().toLowerCase().replace(/^@/, "")).filter(Boolean))];
  if (domains.length === 0) return { problem: "Enter at least one email domain, like example.com." };
  if (domains.length > 50) return { problem: "Enter at most 50 email domains." };
  const bad = domains.find((domain) => !DOMAIN.test(domain));
  if (bad) return { problem: `${bad} is not a domain name (like example.com).` };
  return { domains };
}

const optionalGroup = (label: string) =>
  z
    .string()
    .trim()
    .max(256, `The ${label} can be at most 256 characters.`)
    .transform((value) => (value === "" ? null : value));

export const singleSignOnSchema = z
  .object({
    issuerUrl: z.string({ error: "Enter the issuer URL." }).trim().min(1, "Enter the issuer URL.").max(2000, "The issuer URL can be at most 2000 characters."),
    clientId: z.string({ error: "Enter the client ID." }).trim().min(1, "Enter the client ID.").max(500, "The client ID can be at most 500 characters."),
    // Empty: keep the saved secret.
    clientSecret: z.string().max(2000, "The client secret can be at most 2000 characters.").default(""),
    emailDomains: z.string().max(5000, "Too many email domains."),
    adminGroup: optionalGroup("Global administrator group"),
    operatorGroup: optionalGroup("Security operator group"),
    readerGroup: optionalGroup("Security reader group"),
    defaultRole: z.enum(DEFAULT_ROLES, { error: "Choose a default role." }),
    requireSso: z.boolean(),
  })
  .transform((input, context) => {
    const parsed = parseDomains(input.emailDomains);
    if ("problem" in parsed) {
      context.addIssue({ code: "custom", path: ["emailDomains"], message: parsed.problem });
      return z.NEVER;
    }
    return { ...input, clientSecret: input.clientSecret.trim(), emailDomains: parsed.domains };
  });

export type SingleSignOnInput = z.input<typeof singleSignOnSchema>;
export type SingleSignOnValues = z.output<typeof singleSignOnSchema>;

export const DEFAULT_ROLE_LABELS: Record<(typeof DEFAULT_ROLES)[number], string> = {
  NONE: "No access",
  SECURITY_READER: "Security reader",
  SECURITY_OPERATOR: "Security operator",
};
