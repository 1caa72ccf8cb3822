// Signing keys' private halves are stored encrypted: AES-256-GCM with a key derived (HKDF) from the
// app secret, so a copy of the database alone cannot mint access tokens — as long as the secret is not
// kept in the database too (PostgreSQL without NEXTAUTH_SECRET: lib/auth/auth-secret.ts warns at start). A key is always sealed with
// the current secret; it opens with the current one or any previous one (KEYPORT_PREVIOUS_SECRETS),
// so a rotated NEXTAUTH_SECRET keeps the keys readable while the old secret is still listed.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret, previousAuthSecrets } from "@/lib/auth/auth-secret";

/** No secret this process knows opens the key: it was sealed with a secret since replaced and not listed as previous. */
export class UnreadableKeyError extends Error {
  constructor() {
    super("The signing key was sealed with a secret this process does not have (NEXTAUTH_SECRET changed, and the old one is not in KEYPORT_PREVIOUS_SECRETS).");
    this.name = "UnreadableKeyError";
  }
}

function encryptionKey(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "keyport", "signing-key-encryption", 32));
}

export function encryptPrivateKey(plaintext: string, secret = authSecret()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(secret), iv);
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

function decryptWith(sealed: string, secret: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || !data) throw new UnreadableKeyError();
  const decipher = createDecipheriv("aes-256-gcm", encryptionKey(secret), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

/** The private key, and whether it was sealed with the current secret (if not, it is due to be sealed again). */
export function openPrivateKey(sealed: string): { pem: string; sealedWithCurrent: boolean } {
  const secrets = [authSecret(), ...previousAuthSecrets()];
  for (const [index, secret] of secrets.entries()) {
    try {
      return { pem: decryptWith(sealed, secret), sealedWithCurrent: index === 0 };
    } catch {
      // GCM's tag check failed: not this secret, try the next.
    }
  }
  throw new UnreadableKeyError();
}

export function decryptPrivateKey(sealed: string): string {
  return openPrivateKey(sealed).pem;
}
