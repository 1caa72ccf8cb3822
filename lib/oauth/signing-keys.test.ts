// Signing key lifecycle against a real database: rotation keeps the old key published (and its tokens
// valid) for exactly one token lifetime plus skew; the private key is never stored in the clear.
import { describe, expect, it } from "vitest";
import { SignJWT } from "jose";
import { db } from "@/lib/db/client";
import { currentSigner, publishedKeys, RETIRED_KEY_GRACE_MS, rotateSigningKey, SIGNING_KEY_MAX_AGE_MS, verificationKey } from "@/lib/oauth/signing-keys";
import { decryptPrivateKey } from "@/lib/oauth/key-encryption";

describe("signing keys", () => {
  it("stores the private key encrypted, and publishes only public parts", async () => {
    const signer = await currentSigner();
    const row = await db.signingKey.findUniqueOrThrow({ where: { kid: signer.kid } });
    expect(row.privateKeyEnc).not.toContain("PRIVATE KEY");
    expect(decryptPrivateKey(row.privateKeyEnc)).toContain("BEGIN PRIVATE KEY");
    const keys = await publishedKeys();
    expect(keys.map((key) => key.kid)).toContain(signer.kid);
    for (const key of keys) expect(key.d).toBeUndefined();
  });

  it("rotation: the new key signs, the old one stays published for the grace period, then drops out", async () => {
    const old = await currentSigner();
    const oldToken = await new SignJWT({ x: 1 }).setProtectedHeader({ alg: "RS256", kid: old.kid }).sign(old.privateKey);
    const newKid = await rotateSigningKey();
    expect((await currentSigner()).kid).toBe(newKid);

    const now = Date.now();
    expect((await publishedKeys(now)).map((key) => key.kid)).toEqual(expect.arrayContaining([old.kid, newKid]));
    expect(await verificationKey(old.kid, now)).not.toBeNull();
    expect(oldToken.split(".")).toHaveLength(3);

    const afterGrace = now + RETIRED_KEY_GRACE_MS + 1000;
    expect((await publishedKeys(afterGrace)).map((key) => key.kid)).not.toContain(old.kid);
    expect(await verificationKey(old.kid, afterGrace + 61_000)).toBeNull();
    expect((await publishedKeys(afterGrace)).map((key) => key.kid)).toContain(newKid);
  });

  it("a key older than its maximum age is replaced the next time a token is signed", async () => {
    const current = await currentSigner();
    const later = await currentSigner(current.createdAt.getTime() + SIGNING_KEY_MAX_AGE_MS + 1);
    expect(later.kid).not.toBe(current.kid);
  });
});
