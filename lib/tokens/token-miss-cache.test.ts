// Unknown token values are remembered as unknown for a short while, against a real SQLite database.
import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import { findTokenByValue } from "@/lib/tokens/find-token-by-value";
import { noteTokenCreated, TOKEN_MISS_TTL_MS, isKnownMissingToken } from "@/lib/tokens/token-cache";
import { digestToken, newTokenValue, tokenHint } from "@/lib/tokens/token-format";

async function storeRow(value: string) {
  const tenant = await createTenant({ slug: `m-${randomBytes(4).toString("hex")}`, name: "Misses" });
  const user = await createUser({ tenantId: tenant.id, email: `admin@${tenant.slug}.test`, name: "Admin", role: "GLOBAL_ADMIN", password: "x".repeat(12) });
  await db.apiToken.create({ data: { id: randomUUID(), tenantId: tenant.id, userId: user.id, kind: "API_TOKEN", name: "stored", digest: digestToken(value), hint: tokenHint(value) } });
}

describe("negative caching of unknown tokens", () => {
  it("answers a value that matched nothing from the cache until the TTL, then looks again", async () => {
    const value = newTokenValue("API_TOKEN");
    expect(await findTokenByValue(value)).toBeNull();
    expect(isKnownMissingToken(digestToken(value))).toBe(true);
    // A row written behind this instance's back is not seen while the miss is cached…
    await storeRow(value);
    expect(await findTokenByValue(value)).toBeNull();
    // …and is once the miss has expired.
    expect(isKnownMissingToken(digestToken(value), Date.now() + TOKEN_MISS_TTL_MS + 1)).toBe(false);
    expect(await findTokenByValue(value)).not.toBeNull();
  });

  it("drops the miss at once when this instance stores a token with that digest", async () => {
    const value = newTokenValue("SIEM_AGENT");
    expect(await findTokenByValue(value)).toBeNull();
    await storeRow(value);
    noteTokenCreated(digestToken(value));
    expect((await findTokenByValue(value))?.kind).toBe("API_TOKEN");
  });

  it("never caches a malformed value or a bad checksum: those are refused without a lookup", async () => {
    expect(await findTokenByValue("kpat_" + "A".repeat(49))).toBeNull();
    expect(isKnownMissingToken(digestToken("kpat_" + "A".repeat(49)))).toBe(false);
  });
});
