// Unknown token values are remembered as unknown for a short while, against a real SQLite database.
import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/users/create-user";
import { findTokenByValue } from "@/lib/tokens/find-token-by-value";
import { cacheToken, forgetCachedTokenById, getCachedToken, isKnownMissingToken, noteTokenCreated, tokenCacheGeneration, TOKEN_MISS_TTL_MS } from "@/lib/tokens/token-cache";
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

describe("a lookup that raced a change", () => {
  it("does not put the row it read before a revocation back into the cache", async () => {
    const value = newTokenValue("API_TOKEN");
    await storeRow(value);
    // The lookup reads the row, and before it caches it the token is revoked (on any instance).
    const looked = await findTokenByValue(value);
    expect(looked).not.toBeNull();
    forgetCachedTokenById(looked!.id);
    const seenBeforeTheRevocation = tokenCacheGeneration() - 1;
    cacheToken(looked!, seenBeforeTheRevocation);
    expect(getCachedToken(looked!.digest)).toBeUndefined();
    // A lookup that started after the drop caches as usual.
    cacheToken(looked!, tokenCacheGeneration());
    expect(getCachedToken(looked!.digest)).toBeDefined();
  });
});
