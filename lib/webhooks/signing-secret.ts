// Webhook signing secrets: generated in the Standard Webhooks format (`whsec_` and 32 random bytes in
// base64), shown once, and kept encrypted (AES-256-GCM with a key derived by HKDF from the app secret)
// because Keyport needs the secret itself to sign. The app secret is handed in by the caller, so this
// folder does not depend on the session's modules.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

export const SECRET_PREFIX = "whsec_";

export function newSigningSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString("base64");
}

function key(appSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", appSecret, "keyport", "webhook-secret-encryption", 32));
}

export function sealSigningSecret(secret: string, appSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(appSecret), iv);
  const data = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

/**
 * Opens a sealed secret with the first of `appSecrets` that sealed it (the current app secret, then
 * the ones it replaced, so rotating NEXTAUTH_SECRET with KEYPORT_PREVIOUS_SECRETS set keeps webhooks
 * signing). Throws when none did.
 */
export function openSigningSecret(sealed: string, appSecrets: string | readonly string[]): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || !data) throw new Error("Unknown webhook secret encryption format.");
  let failure: unknown = new Error("No app secret to open the webhook secret with.");
  for (const appSecret of typeof appSecrets === "string" ? [appSecrets] : appSecrets) {
    try {
      const decipher = createDecipheriv("aes-256-gcm", key(appSecret), Buffer.from(iv, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}
