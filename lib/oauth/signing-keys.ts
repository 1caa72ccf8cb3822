// RS256 signing keys for access tokens. Generated on first use and stored with the private key
// encrypted (AES-256-GCM, key derived from the app secret). Rotation: a new key takes over signing,
// the old one stays in the JWKS until every token it signed has expired.
import { randomUUID } from "node:crypto";
import { exportJWK, exportPKCS8, generateKeyPair, importJWK, importPKCS8, type JWK, type CryptoKey } from "jose";
import { db, transaction } from "@/lib/db/client";
import { publishInvalidation, registerInvalidation } from "@/lib/cache/cache-events";
import { lockForTransaction } from "@/lib/db/locks";
import { encryptPrivateKey as encrypt, openPrivateKey, UnreadableKeyError } from "@/lib/oauth/key-encryption";
import type { Owned } from "@/lib/process-state";
import { liveAt, processCache, type ProcessCache } from "@/lib/cache/process-cache";
import { ACCESS_TOKEN_TTL_SECONDS, CLOCK_TOLERANCE_SECONDS } from "@/lib/oauth/constants";

/** A signing key older than this is replaced by a new one the next time a token is signed. */
export const SIGNING_KEY_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
/** How long a retired key stays published: the life of the last token it signed, plus skew. */
export const RETIRED_KEY_GRACE_MS = (ACCESS_TOKEN_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS) * 1000;

type Signer = { kid: string; privateKey: CryptoKey; createdAt: Date };

declare module "@/lib/process-state" {
  interface ProcessState {
    signingKeySigner: Owned<"lib/oauth/signing-keys", ProcessCache<Signer>>;
    signingKeyVerifiers: Owned<"lib/oauth/signing-keys", ProcessCache<CryptoKey>>;
    unknownSigningKeys: Owned<"lib/oauth/signing-keys", ProcessCache<true>>;
  }
}

/** How long an instance trusts its copy of a key: another instance's rotation reaches it within this. */
export const KEY_CACHE_TTL_MS = 60_000;
// One entry, the key that signs now. Re-read every minute, so an instance stops signing with a key
// another instance retired well within that key's grace period.
const signers = processCache<Signer>("signingKeySigner", { ttlMs: KEY_CACHE_TTL_MS, maxEntries: 1 });
const SIGNER = "current";
// Public keys by kid, for verifying access tokens.
const verifiers = processCache<CryptoKey>("signingKeyVerifiers", { ttlMs: KEY_CACHE_TTL_MS, maxEntries: 100 });
// Kids that named no published key a moment ago: a JWT with a made-up kid costs one lookup per TTL.
// A key made on this instance drops its kid from here at once; one made by another instance cannot be
// here, since nobody can present a kid (a random UUID) before the key exists.
const unknownKids = processCache<true>("unknownSigningKeys", { ttlMs: KEY_CACHE_TTL_MS, maxEntries: 10_000 });

// Another instance's rotation drops this instance's copies at once (cache events); the minute-long
// lifetime above stays as the backstop.
const dropKeys = () => {
  signers.delete(SIGNER);
  verifiers.clear();
};
registerInvalidation("signingKeys", { drop: dropKeys, dropAll: dropKeys });

type SigningKeyRow = { kid: string; privateKeyEnc: string; createdAt: Date };

const usable = (row: SigningKeyRow | null, now: number): row is SigningKeyRow => !!row && now - row.createdAt.getTime() < SIGNING_KEY_MAX_AGE_MS;

/**
 * Makes a new signing key and retires the one signing until now. `whenNoneUsable`: only if there is
 * still no usable key once this instance holds the lock, else that key is returned: instances starting
 * together (each finding no key) then agree on one key instead of retiring each other's.
 */
async function createSigningKey(options: { whenNoneUsable?: boolean; now?: number } = {}): Promise<Signer> {
  // The key pair is made before the lock is taken: it takes a moment, and the lock should not.
  const { publicKey, privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const kid = randomUUID();
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  const privateKeyEnc = encrypt(await exportPKCS8(privateKey));
  const signer = await transaction(async (tx) => {
    await lockForTransaction(tx, "signing-keys");
    const now = new Date();
    if (options.whenNoneUsable) {
      const existing = await tx.signingKey.findFirst({ where: { retiredAt: null }, orderBy: { createdAt: "desc" } });
      if (usable(existing, options.now ?? now.getTime())) return { existing, created: null };
    }
    // Whatever signed until now retires: it stays published for the grace period. Keys retired long
    // before that are of no use to anyone any more.
    await tx.signingKey.updateMany({ where: { retiredAt: null }, data: { retiredAt: now } });
    await tx.signingKey.deleteMany({ where: { retiredAt: { lt: new Date(now.getTime() - 2 * RETIRED_KEY_GRACE_MS) } } });
    await tx.signingKey.create({ data: { kid, publicJwk: JSON.stringify(jwk), privateKeyEnc, createdAt: now } });
    return { existing: null, created: { kid, privateKey, createdAt: now } };
  });
  // The key another instance made meanwhile, unless no secret of ours opens it: then one of our own.
  if (signer.existing) return (await openSigner(signer.existing)) ?? createSigningKey({ now: options.now });
  unknownKids.delete(kid);
  // Other instances stop signing with the retired key now rather than within the minute.
  await publishInvalidation("signingKeys", kid);
  return signer.created!;
}

/** The key that signs new tokens: the newest active one, or a new one when there is none or it is too old. */
export async function currentSigner(now = Date.now()): Promise<Signer> {
  const cached = liveAt(signers, SIGNER, now);
  if (cached && now - cached.createdAt.getTime() < SIGNING_KEY_MAX_AGE_MS) return cached;
  const row = await db.signingKey.findFirst({ where: { retiredAt: null }, orderBy: { createdAt: "desc" } });
  const signer = (usable(row, now) && (await openSigner(row))) || (await createSigningKey({ whenNoneUsable: true, now }));
  signers.set(SIGNER, signer, { start: now });
  return signer;
}

/**
 * The signer of a stored key, or null when no secret this process has opens it (NEXTAUTH_SECRET was
 * replaced and the old one is not in KEYPORT_PREVIOUS_SECRETS). Then the caller makes a new key, which
 * retires this one: its public half stays published until the tokens it signed have expired, so
 * nothing already issued breaks and the token endpoint keeps answering. A key opened with a previous
 * secret is sealed again with the current one, so the previous secret can go.
 */
async function openSigner(row: SigningKeyRow): Promise<Signer | null> {
  let opened;
  try {
    opened = openPrivateKey(row.privateKeyEnc);
  } catch (error) {
    if (!(error instanceof UnreadableKeyError)) throw error;
    console.warn(`keyport: signing key ${row.kid} cannot be opened with the current secret: retiring it (still published until its tokens expire) and making a new one. ${error.message}`);
    return null;
  }
  if (!opened.sealedWithCurrent) {
    await db.signingKey.updateMany({ where: { kid: row.kid, privateKeyEnc: row.privateKeyEnc }, data: { privateKeyEnc: encrypt(opened.pem) } });
  }
  return { kid: row.kid, privateKey: await importPKCS8(opened.pem, "RS256"), createdAt: row.createdAt };
}

/** Retires the signing key now and makes a new one (an admin's "rotate now", or a suspected leak). */
export async function rotateSigningKey(): Promise<string> {
  const signer = await createSigningKey();
  signers.set(SIGNER, signer);
  return signer.kid;
}

/** The public keys to publish: the signing key and retired keys still within their grace period. */
export async function publishedKeys(now = Date.now()): Promise<JWK[]> {
  const rows = await db.signingKey.findMany({
    where: { OR: [{ retiredAt: null }, { retiredAt: { gt: new Date(now - RETIRED_KEY_GRACE_MS) } }] },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((row) => JSON.parse(row.publicJwk) as JWK);
}

/** The public key for a kid, if it is still published. Cached briefly; a retired key drops out after its grace. */
export async function verificationKey(kid: string, now = Date.now()): Promise<CryptoKey | null> {
  const cached = liveAt(verifiers, kid, now);
  if (cached) return cached;
  if (liveAt(unknownKids, kid, now)) return null;
  const row = await db.signingKey.findUnique({ where: { kid } });
  if (!row || (row.retiredAt && row.retiredAt.getTime() <= now - RETIRED_KEY_GRACE_MS)) {
    verifiers.delete(kid);
    unknownKids.set(kid, true, { start: now });
    return null;
  }
  const key = (await importJWK(JSON.parse(row.publicJwk) as JWK, "RS256")) as CryptoKey;
  verifiers.set(kid, key, { start: now });
  return key;
}
