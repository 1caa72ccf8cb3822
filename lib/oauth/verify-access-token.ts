// Verifies a Bearer access token for the API: signature (a published key of ours, RS256 only),
// audience, issuer (exactly the configured one of its tenant and version), expiry and tenant. Whatever
// fails is an AppError("unauthorized") saying why; the app's standing right now is decided afterwards
// (acceptAppToken in app-access.ts).
import { decodeProtectedHeader, jwtVerify, errors as joseErrors, type JWTPayload } from "jose";
import { CLOCK_TOLERANCE_SECONDS, RESOURCE_ID, configuredIssuer } from "@/lib/oauth/constants";
import { verificationKey } from "@/lib/oauth/signing-keys";
import { AppError } from "@/lib/errors";

export type VerifiedAccessToken = { tenantId: string; appId: string; roles: string[]; claims: JWTPayload; header: Record<string, unknown> };

const invalid = (message: string) => new AppError("unauthorized", message);

export async function verifyAccessToken(token: string): Promise<VerifiedAccessToken> {
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(token) as Record<string, unknown>;
  } catch {
    throw invalid("The access token is not a JWT.");
  }
  if (header.alg !== "RS256" || typeof header.kid !== "string") throw invalid("The access token is not signed by Keyport (RS256 with a key id).");
  const key = await verificationKey(header.kid);
  if (!key) throw invalid("The access token is signed with a key Keyport does not publish.");

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, key, { algorithms: ["RS256"], audience: RESOURCE_ID, clockTolerance: CLOCK_TOLERANCE_SECONDS, requiredClaims: ["exp", "iat", "iss", "tid"] }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw invalid("The access token has expired: get a new one from the token endpoint.");
    if (error instanceof joseErrors.JWSSignatureVerificationFailed) throw invalid("The access token's signature is not valid.");
    if (error instanceof joseErrors.JWTClaimValidationFailed) throw invalid(`The access token's '${error.claim}' claim is not valid.`);
    throw invalid("The access token is not valid.");
  }
  // The issuer is fixed per tenant and version (on the configured public URL): a token whose `iss`
  // names another origin, another tenant or another version was not issued by this deployment.
  const tenantId = typeof payload.tid === "string" ? payload.tid : "";
  const version = payload.ver === "1.0" || payload.ver === "2.0" ? payload.ver : null;
  if (!tenantId || !version || payload.iss !== configuredIssuer(tenantId, version)) {
    throw invalid("The access token's issuer is not this Keyport's issuer for its tenant.");
  }
  const appId = typeof payload.azp === "string" ? payload.azp : typeof payload.appid === "string" ? payload.appid : "";
  if (!appId) throw invalid("The access token names no application.");
  const roles = Array.isArray(payload.roles) ? payload.roles.filter((role): role is string => typeof role === "string") : [];
  return { tenantId, appId, roles, claims: payload, header };
}
