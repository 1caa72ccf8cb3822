// A stored token as the rest of Keyport reads it: the JSON columns decoded, and the token object the
// HTTP API answers with ({"id", "name", "createdBy": {"email"}, "createdAt", "lastUsedAt", "lastUsedIp",
// "status", "expiresAt", "scopes", "allowedIps", "description"}; times in ms since epoch or null).
import type { Scope } from "@/lib/permissions";
import { tokenStatus, type TokenStatus } from "@/lib/tokens/token-status";
import { parseScopesJson } from "@/lib/tokens/token-scopes";

/** A stored JSON list of strings; anything unreadable reads as ["unreadable"], which matches and allows nothing. */
export function parseJsonList(json: string | null): string[] {
  if (json === null) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    if (Array.isArray(parsed) && parsed.every((item) => typeof item === "string")) return parsed;
  } catch {
    // fall through
  }
  return ["unreadable"];
}

export type TokenObjectStatus = "generated" | "active" | "inactive" | "expired";

export type TokenObject = {
  id: string;
  name: string;
  createdBy: { email: string };
  createdAt: number;
  lastUsedAt: number | null;
  lastUsedIp: string | null;
  status: TokenObjectStatus;
  expiresAt: number | null;
  /** null: all of the issuer's role. */
  scopes: Scope[] | null;
  /** CIDRs; empty: any. */
  allowedIps: string[];
  /** What the token is for, in its maker's words; null: none given. */
  description: string | null;
  /** The service account that owns it; null: a person's token. */
  serviceAccount: { id: string; name: string } | null;
};

/** The columns a token object is made from (a Prisma select). */
export const tokenObjectSelect = {
  id: true,
  name: true,
  createdAt: true,
  lastUsedAt: true,
  lastUsedIp: true,
  expiresAt: true,
  scopesJson: true,
  allowedIpsJson: true,
  description: true,
  issuer: { select: { email: true } },
  serviceAccount: { select: { id: true, name: true } },
} as const;

export type TokenObjectRow = {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  expiresAt: Date | null;
  scopesJson: string | null;
  allowedIpsJson: string;
  description: string | null;
  issuer: { email: string };
  serviceAccount?: { id: string; name: string } | null;
};

export function toTokenObject(row: TokenObjectRow, now: Date = new Date()): TokenObject {
  const status: TokenStatus = tokenStatus(row.lastUsedAt, now, row.expiresAt);
  return {
    id: row.id,
    name: row.name,
    createdBy: { email: row.issuer.email },
    createdAt: row.createdAt.getTime(),
    lastUsedAt: row.lastUsedAt?.getTime() ?? null,
    lastUsedIp: row.lastUsedIp,
    status: status.toLowerCase() as TokenObjectStatus,
    expiresAt: row.expiresAt?.getTime() ?? null,
    scopes: parseScopesJson(row.scopesJson),
    allowedIps: parseJsonList(row.allowedIpsJson),
    description: row.description,
    serviceAccount: row.serviceAccount ? { id: row.serviceAccount.id, name: row.serviceAccount.name } : null,
  };
}
