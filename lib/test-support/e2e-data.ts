// Data set-up for the end-to-end tests, through the same lib/ modules the product uses.
// Refuses to run against anything but the throwaway e2e database.
import { db } from "@/lib/db/client";
import { databaseUrl } from "@/lib/db/database-url";

export function assertE2eDatabase(): void {
  const url = databaseUrl();
  if (!url.startsWith("file:") || !url.includes("/.e2e/")) {
    throw new Error(`Refusing to set up test data in ${url}: the e2e tests only write to the throwaway database under .e2e/.`);
  }
}

/** Pretend a token was last used some time ago (the "Inactive" fixture). */
export async function backdateTokenUse(tokenId: string, lastUsedAt: Date): Promise<void> {
  assertE2eDatabase();
  await db.apiToken.update({ where: { id: tokenId }, data: { lastUsedAt } });
}

export async function findTokenRow(tokenId: string) {
  return db.apiToken.findUnique({ where: { id: tokenId } });
}

export async function tenantBySlug(slug: string) {
  return db.tenant.findUniqueOrThrow({ where: { slug } });
}

export async function userByEmail(email: string) {
  return db.user.findUniqueOrThrow({ where: { email } });
}
