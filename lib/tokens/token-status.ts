// Generated (never used), Active (used within the past 7 days), Inactive (used, not in the past 7 days).
export const TOKEN_STATUSES = ["Generated", "Active", "Inactive"] as const;
export type TokenStatus = (typeof TOKEN_STATUSES)[number];

export const ACTIVE_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export function tokenStatus(lastUsedAt: Date | null, now: Date = new Date()): TokenStatus {
  if (!lastUsedAt) return "Generated";
  return now.getTime() - lastUsedAt.getTime() <= ACTIVE_WINDOW_MS ? "Active" : "Inactive";
}

/** The same rule as a database filter on lastUsedAt, so filtering and paging stay in the query. */
export function lastUsedFilterFor(status: TokenStatus, now: Date = new Date()) {
  const activeSince = new Date(now.getTime() - ACTIVE_WINDOW_MS);
  switch (status) {
    case "Generated":
      return { lastUsedAt: null };
    case "Active":
      return { lastUsedAt: { gte: activeSince } };
    case "Inactive":
      return { lastUsedAt: { lt: activeSince } };
  }
}
