// A token's status: Expired once its expiry has passed; otherwise Generated (never used), Active (used
// within the past 7 days) or Inactive (used, not in the past 7 days).
import { isExpired } from "@/lib/tokens/expiry";

export const TOKEN_STATUSES = ["Generated", "Active", "Inactive", "Expired"] as const;
export type TokenStatus = (typeof TOKEN_STATUSES)[number];

/** What each status means, in the words the portal shows beside its status filter and on its badges. */
export const TOKEN_STATUS_MEANINGS: Record<TokenStatus, string> = {
  Generated: "never used yet",
  Active: "used in the last 7 days",
  Inactive: "used, but not in the last 7 days",
  Expired: "past its expiry date: every call with it is refused",
};

export const ACTIVE_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export function tokenStatus(lastUsedAt: Date | null, now: Date = new Date(), expiresAt: Date | null = null): TokenStatus {
  if (isExpired(expiresAt, now)) return "Expired";
  if (!lastUsedAt) return "Generated";
  return now.getTime() - lastUsedAt.getTime() <= ACTIVE_WINDOW_MS ? "Active" : "Inactive";
}

/** Not expired at `now`, as a database condition. */
export function notExpiredWhere(now: Date) {
  return { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}

/**
 * The same rule as a database condition on lastUsedAt and expiresAt, so filtering and paging stay in
 * the query. It is meant to be one element of an AND list (it may hold an OR of its own).
 */
export function statusWhere(status: TokenStatus, now: Date = new Date()) {
  const activeSince = new Date(now.getTime() - ACTIVE_WINDOW_MS);
  switch (status) {
    case "Expired":
      return { expiresAt: { lte: now } };
    case "Generated":
      return { lastUsedAt: null, ...notExpiredWhere(now) };
    case "Active":
      return { lastUsedAt: { gte: activeSince }, ...notExpiredWhere(now) };
    case "Inactive":
      return { lastUsedAt: { lt: activeSince }, ...notExpiredWhere(now) };
  }
}
