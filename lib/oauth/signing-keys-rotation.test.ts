// Signing keys survive a change of NEXTAUTH_SECRET, on a real database file: a key sealed with the old
// secret opens while the old secret is listed in KEYPORT_PREVIOUS_SECRETS (and is sealed again with
// the new one); when no secret opens it, it is retired (its public key stays published until its
// tokens expire) and a fresh key signs. The token endpoint never answers 500 over it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SignJWT, jwtVerify } from "jose";
import { db } from "@/lib/db/client";
import { decryptPrivateKey } from "@/lib/oauth/key-encryption";
import { KEY_CACHE_TTL_MS, RETIRED_KEY_GRACE_MS, currentSigner, publishedKeys, rotateSigningKey, verificationKey } from "@/lib/oauth/signing-keys";

const saved = { secret: process.env.NEXTAUTH_SECRET, previous: process.env.KEYPORT_PREVIOUS_SECRETS };

function useSecrets(current: string, previous?: string) {
  process.env.NEXTAUTH_SECRET = current;
  if (previous === undefined) delete process.env.KEYPORT_PREVIOUS_SECRETS;
  else process.env.KEYPORT_PREVIOUS_SECRETS = previous;
}

/** A moment past the signer cache's life: what a restarted instance sees. */
let clock = Date.now();
function afterRestart(): number {
  clock += KEY_CACHE_TTL_MS + 1000;
  return clock;
}

async function signAndVerify(now: number) {
  const signer = await currentSigner(now);
  const token = await new SignJWT({ probe: true }).setProtectedHeader({ alg: "RS256", kid: signer.kid }).sign(signer.privateKey);
  const key = await verificationKey(signer.kid, now);
  expect(key).not.toBeNull();
  await expect(jwtVerify(token, key!)).resolves.toBeTruthy();
  return signer.kid;
}

describe("signing keys across a change of the app secret", () => {
  beforeEach(() => {
    clock = Date.now();
  });
  afterEach(() => {
    if (saved.secret === undefined) delete process.env.NEXTAUTH_SECRET;
    else process.env.NEXTAUTH_SECRET = saved.secret;
    if (saved.previous === undefined) delete process.env.KEYPORT_PREVIOUS_SECRETS;
    else process.env.KEYPORT_PREVIOUS_SECRETS = saved.previous;
  });

  it("a new secret with no record of the old one: the old key is retired but still published, a fresh key signs", async () => {
    useSecrets("secret-A-0123456789abcdef");
    const oldKid = await rotateSigningKey();
    expect(await signAndVerify(afterRestart())).toBe(oldKid);

    useSecrets("secret-B-0123456789abcdef");
    const now = afterRestart();
    const newKid = await signAndVerify(now);
    expect(newKid).not.toBe(oldKid);
    const old = await db.signingKey.findUniqueOrThrow({ where: { kid: oldKid } });
    expect(old.retiredAt).not.toBeNull();
    // Tokens the old key signed still verify until they expire: its public key stays in the JWKS.
    expect((await publishedKeys(now)).map((key) => key.kid)).toEqual(expect.arrayContaining([oldKid, newKid]));
    expect(await verificationKey(oldKid, now)).not.toBeNull();
    expect((await publishedKeys(old.retiredAt!.getTime() + RETIRED_KEY_GRACE_MS + 1000)).map((key) => key.kid)).not.toContain(oldKid);
    // The fresh key is sealed with the new secret.
    expect(decryptPrivateKey((await db.signingKey.findUniqueOrThrow({ where: { kid: newKid } })).privateKeyEnc)).toContain("PRIVATE KEY");
  });

  it("with the old secret in KEYPORT_PREVIOUS_SECRETS the same key keeps signing, sealed again with the new secret", async () => {
    useSecrets("secret-C-0123456789abcdef");
    const kid = await rotateSigningKey();
    const sealedWithC = (await db.signingKey.findUniqueOrThrow({ where: { kid } })).privateKeyEnc;

    useSecrets("secret-D-0123456789abcdef", "some-older-secret, secret-C-0123456789abcdef");
    expect(await signAndVerify(afterRestart())).toBe(kid);
    const resealed = (await db.signingKey.findUniqueOrThrow({ where: { kid } })).privateKeyEnc;
    expect(resealed).not.toBe(sealedWithC);

    // Now the previous secret can go: the key opens with the new one alone.
    useSecrets("secret-D-0123456789abcdef");
    expect(await signAndVerify(afterRestart())).toBe(kid);
  });
});
