// The portal's "Decode a token": shows a JWT's header and claims and says whether the API would accept
// it for this tenant — without sending the token anywhere else.
import { decodeJwt, decodeProtectedHeader } from "jose";
import { AppError, isAppError } from "@/lib/errors";
import { verifyAccessToken } from "@/lib/oauth/verify-access-token";
import { acceptAppToken } from "@/lib/oauth/app-access";

export type TokenInspection = { header: Record<string, unknown>; claims: Record<string, unknown>; valid: boolean; verdict: string; expiresAt?: string };

/** The token's header, claims and verdict; refuses ("invalid_request") what is not a JWT at all. */
export async function inspectToken(token: string, tenantSlug: string): Promise<TokenInspection> {
  const value = token.trim().replace(/^Bearer\s+/i, "");
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(value) as Record<string, unknown>;
    claims = decodeJwt(value) as Record<string, unknown>;
  } catch {
    throw new AppError("invalid_request", "This is not a JWT: expect three base64url parts separated by dots.");
  }
  try {
    const { access, scopes } = await acceptAppToken(await verifyAccessToken(value), tenantSlug);
    // The portal says when in the reader's own time zone: the time is handed over apart from the sentence.
    const expiresAt = new Date(Number(claims.exp) * 1000).toISOString();
    return { header, claims, valid: true, expiresAt, verdict: `Valid for this tenant, as ${access.appName}, with ${scopes.join(", ")}.` };
  } catch (error) {
    // The API's refusal of this token is the inspector's answer, not a failure of the inspection.
    if (isAppError(error) && (error.code === "unauthorized" || error.code === "forbidden")) return { header, claims, valid: false, verdict: error.message };
    throw error;
  }
}
