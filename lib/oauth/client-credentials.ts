// The OAuth 2.0 client-credentials grant (RFC 6749 §4.4) in the two shapes of Microsoft's identity
// platform: v1 (`resource`) and v2 (`scope=<resource>/.default`). Errors are RFC 6749 §5.2 JSON.
import { randomUUID, timingSafeEqual } from "node:crypto";
import { SignJWT } from "jose";
import { db } from "@/lib/db/client";
import { getTenantByIdOrSlug } from "@/lib/tenants/get-tenant";
import { digestToken, isWellFormedClientSecret } from "@/lib/tokens/token-format";
import { currentSigner } from "@/lib/oauth/signing-keys";
import { parseScopes } from "@/lib/oauth/app-access";
import { ACCESS_TOKEN_TTL_SECONDS, DEFAULT_SCOPE, RESOURCE_ID, issuerFor, type TokenVersion } from "@/lib/oauth/constants";

export type OAuthErrorCode = "invalid_request" | "invalid_client" | "invalid_grant" | "invalid_scope" | "unauthorized_client";

export class OAuthError extends Error {
  constructor(
    readonly code: OAuthErrorCode,
    readonly description: string,
  ) {
    super(description);
  }

  get status(): number {
    return this.code === "invalid_client" ? 401 : 400;
  }
}

export type TokenRequest = {
  tenant: string;
  version: TokenVersion;
  origin: string;
  form: URLSearchParams;
  authorization: string | null;
};

export type TokenResponse = { token_type: "Bearer"; expires_in: number; ext_expires_in: number; access_token: string };

function clientCredentials(form: URLSearchParams, authorization: string | null): { clientId: string; clientSecret: string } {
  const bodyId = form.get("client_id");
  const bodySecret = form.get("client_secret");
  if (authorization && /^basic /i.test(authorization)) {
    if (bodySecret) throw new OAuthError("invalid_request", "Send the client secret once: in the Authorization header or in the body, not both.");
    let decoded: string;
    try {
      decoded = Buffer.from(authorization.slice(6).trim(), "base64").toString("utf8");
    } catch {
      throw new OAuthError("invalid_client", "The Authorization header is not valid Basic credentials.");
    }
    const colon = decoded.indexOf(":");
    if (colon < 0) throw new OAuthError("invalid_client", "The Authorization header is not valid Basic credentials.");
    // RFC 6749 §2.3.1: both parts are form-urlencoded before being joined.
    const clientId = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " "));
    const clientSecret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " "));
    if (bodyId && bodyId !== clientId) throw new OAuthError("invalid_request", "client_id in the body differs from the one in the Authorization header.");
    return { clientId, clientSecret };
  }
  if (!bodyId) throw new OAuthError("invalid_request", "The request has no client_id.");
  if (!bodySecret) throw new OAuthError("invalid_client", "The request has no client_secret (in the body or as HTTP Basic credentials).");
  return { clientId: bodyId, clientSecret: bodySecret };
}

function sameDigest(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export async function issueAccessToken(request: TokenRequest): Promise<TokenResponse> {
  const { form, version } = request;
  const grantType = form.get("grant_type");
  if (!grantType) throw new OAuthError("invalid_request", "The request has no grant_type: use grant_type=client_credentials.");
  if (grantType !== "client_credentials") throw new OAuthError("invalid_request", `The grant type '${grantType.slice(0, 40)}' is not supported: use client_credentials.`);

  if (version === "2.0") {
    const scope = form.get("scope");
    if (!scope) throw new OAuthError("invalid_scope", `The request has no scope: use scope=${DEFAULT_SCOPE}.`);
    if (scope.trim() !== DEFAULT_SCOPE) throw new OAuthError("invalid_scope", `The scope '${scope.slice(0, 100)}' is not valid: the client-credentials grant takes scope=${DEFAULT_SCOPE}.`);
  } else {
    const resource = form.get("resource");
    if (!resource) throw new OAuthError("invalid_request", `The request has no resource: use resource=${RESOURCE_ID}.`);
    if (resource.trim().replace(/\/$/, "") !== RESOURCE_ID) throw new OAuthError("invalid_scope", `The resource '${resource.slice(0, 100)}' is not known: use resource=${RESOURCE_ID}.`);
  }

  const { clientId, clientSecret } = clientCredentials(form, request.authorization);
  const tenant = await getTenantByIdOrSlug(request.tenant);
  if (!tenant) throw new OAuthError("invalid_request", `Tenant '${request.tenant.slice(0, 60)}' not found.`);

  const app = /^[0-9a-f-]{36}$/i.test(clientId) ? await db.appRegistration.findUnique({ where: { id: clientId.toLowerCase() } }) : null;
  if (!app) throw new OAuthError("invalid_client", `Application with client id '${clientId.slice(0, 60)}' was not found.`);

  const digest = isWellFormedClientSecret(clientSecret) ? digestToken(clientSecret) : null;
  const secret = digest ? await db.appSecret.findUnique({ where: { digest } }) : null;
  if (!secret || secret.appId !== app.id || !sameDigest(secret.digest, digest!)) {
    throw new OAuthError("invalid_client", "Invalid client secret provided: check that you send the secret's value, not its id.");
  }
  if (secret.expiresAt.getTime() <= Date.now()) {
    throw new OAuthError("invalid_client", `The client secret expired on ${secret.expiresAt.toISOString()}: create a new one under Certificates & secrets.`);
  }
  if (app.disabledAt) throw new OAuthError("unauthorized_client", "The application is disabled by an administrator of its tenant.");
  if (app.tenantId !== tenant.id && !app.multiTenant) {
    throw new OAuthError("unauthorized_client", `The application is registered in another tenant and is not multi-tenant: it gets tokens only for its own tenant.`);
  }
  const consent = await db.appConsent.findUnique({ where: { appId_tenantId: { appId: app.id, tenantId: tenant.id } } });
  if (!consent) {
    throw new OAuthError("unauthorized_client", `No administrator of tenant '${tenant.name}' has consented to the application: grant admin consent first.`);
  }

  const roles = parseScopes(consent.scopesJson);
  const signer = await currentSigner();
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    tid: tenant.id,
    oid: consent.id,
    idtyp: "app",
    ver: version,
    ...(version === "2.0" ? { azp: app.id, azpacr: "1" } : { appid: app.id, appidacr: "1" }),
    // No roles claim at all when nothing is consented: the API refuses such a token.
    ...(roles.length ? { roles } : {}),
  };
  const accessToken = await new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: signer.kid })
    .setIssuer(issuerFor(request.origin, tenant.id, version))
    .setAudience(RESOURCE_ID)
    .setSubject(consent.id)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + ACCESS_TOKEN_TTL_SECONDS)
    .setJti(randomUUID())
    .sign(signer.privateKey);
  return { token_type: "Bearer", expires_in: ACCESS_TOKEN_TTL_SECONDS - 1, ext_expires_in: ACCESS_TOKEN_TTL_SECONDS - 1, access_token: accessToken };
}
