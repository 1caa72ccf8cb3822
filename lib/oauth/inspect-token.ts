// The portal's "Decode a token": shows a JWT's header and claims and says whether the API would accept
// it for this tenant — without sending the token anywhere else.
import { decodeJwt, decodeProtectedHeader } from "jose";
import { isAppError } from "@/lib/errors";
import { verifyAccessToken } from "@/lib/oauth/verify-access-token";
import { appTokenStanding } from "@/lib/oauth/app-access";

export type TokenInspection =
  | { ok: false; error: string }
  | { ok: true; header: Record<string, unknown>; claims: Record<string, unknown>; valid: boolean; verdict: string; expiresAt?: string };

export async function inspectToken(token: string, tenantSlug: string): Promise<TokenInspection> {
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
    const standing = await appTokenStanding(verified, tenantSlug);
    if (!standing.accepted) return { ok: true, header, claims, valid: false, verdict: standing.message };
    // The portal says when in the reader's own time zone: the time is handed over apart from the sentence.
    const expiresAt = new Date(Number(claims.exp) * 1000).toISOString();
    return { ok: true, header, claims, valid: true, expiresAt, verdict: `Valid for this tenant, as ${standing.access.appName}, with ${standing.scopes.join(", ")}.` };
  } catch (error) {
    if (isAppError(error) && error.code === "unauthorized") return { ok: true, header, claims, valid: false, verdict: error.message };
    throw error;
  }
}
