// The portal's "Decode a token": shows a JWT's header and claims and says whether the API would accept
// it for this tenant — without sending the token anywhere else.
import { decodeJwt, decodeProtectedHeader } from "jose";
import { AccessTokenError, verifyAccessToken } from "@/lib/oauth/verify-access-token";
import { appAccess } from "@/lib/oauth/app-access";

export type TokenInspection =
  | { ok: false; error: string }
  | { ok: true; header: Record<string, unknown>; claims: Record<string, unknown>; valid: boolean; verdict: string };

export async function inspectToken(token: string, tenantId: string): Promise<TokenInspection> {
  const value = token.trim().replace(/^Bearer\s+/i, "");
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(value) as Record<string, unknown>;
    claims = decodeJwt(value) as Record<string, unknown>;
  } catch {
    return { ok: false, error: "This is not a JWT: expect three base64url parts separated by dots." };
  }
  try {
    const verified = await verifyAccessToken(value);
    if (verified.tenantId !== tenantId) return { ok: true, header, claims, valid: false, verdict: "Signed by Keyport, but for another tenant: this tenant's API refuses it." };
    const access = await appAccess(verified.appId, verified.tenantId);
    if (!access) return { ok: true, header, claims, valid: false, verdict: "The signature is valid, but the application was deleted or its consent revoked: the API refuses it." };
    if (access.disabled) return { ok: true, header, claims, valid: false, verdict: "The signature is valid, but the application is disabled: the API refuses it." };
    if (verified.roles.length === 0) return { ok: true, header, claims, valid: false, verdict: "The signature is valid, but the token has no roles claim: the API refuses it." };
    const expires = new Date(Number(claims.exp) * 1000).toISOString();
    return { ok: true, header, claims, valid: true, verdict: `Valid for this tenant until ${expires}, as ${access.appName}, with ${verified.roles.join(", ")}.` };
  } catch (error) {
    if (error instanceof AccessTokenError) return { ok: true, header, claims, valid: false, verdict: error.message };
    throw error;
  }
}
