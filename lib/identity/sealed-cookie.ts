// The short-lived cookie that carries a single sign-on attempt from its start to the provider's
// callback: the tenant, state, nonce and PKCE verifier, where to go afterwards, and when it lapses.
// Sealed (AES-256-GCM, a key derived from the session secret), so the browser can neither read the
// verifier nor change the tenant; httpOnly, so no script sees it.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret, previousAuthSecrets } from "@/lib/auth/auth-secret";

export const SSO_FLOW_COOKIE = "keyport.sso-flow";
/** The time a person has at the provider (signing in, MFA) before the attempt lapses. */
export const SSO_FLOW_MAX_AGE_SECONDS = 10 * 60;

export type SsoFlow = {
  tenantId: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  next: string;
  /** Epoch seconds after which the callback is refused. */
  expiresAt: number;
};

const keyOf = (secret: string) => Buffer.from(hkdfSync("sha256", secret, "keyport", "sso-flow-cookie", 32));

export function sealFlow(flow: SsoFlow, secret = authSecret()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(secret), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(flow), "utf8"), cipher.final()]);
  return [iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

/** The flow the cookie carries, or null when it is missing, forged, sealed with an unknown secret or lapsed. */
export function openFlow(value: string | undefined | null, now = new Date()): SsoFlow | null {
  if (!value || value.length > 4096) return null;
  const [iv, tag, data] = value.split(".");
  if (!iv || !tag || !data) return null;
  for (const secret of [authSecret(), ...previousAuthSecrets()]) {
    try {
      const decipher = createDecipheriv("aes-256-gcm", keyOf(secret), Buffer.from(iv, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      const flow = JSON.parse(Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8")) as SsoFlow;
      if (typeof flow.expiresAt !== "number" || flow.expiresAt * 1000 <= now.getTime()) return null;
      return flow;
    } catch {
      // not this secret
    }
  }
  return null;
}
