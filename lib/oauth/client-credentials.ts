// The OAuth 2.0 client-credentials grant (RFC 6749 §4.4) in the two shapes of Microsoft's identity
// platform: v1 (`resource`) and v2 (`scope=<resource>/.default`). Refusals are AppErrors; the token
// endpoints turn them into RFC 6749 §5.2 JSON (lib/oauth/oauth-errors.ts): `unauthorized` is
// invalid_client, `forbidden` unauthorized_client, and scope problems name `invalid_scope`.
import { randomUUID, timingSafeEqual } from "node:crypto";
import { SignJWT } from "jose";
import { crossTenantDb, db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getTenantByIdOrSlug } from "@/lib/tenants/get-tenant";
import { digestToken, isWellFormedClientSecret } from "@/lib/tokens/token-format";
import { currentSigner } from "@/lib/oauth/signing-keys";
import { APP_DISABLED_MESSAGE, appAccess, requireTenantMayConsent } from "@/lib/oauth/app-access";
import { ACCESS_TOKEN_TTL_SECONDS, DEFAULT_SCOPE, RESOURCE_ID, issuerFor, type TokenVersion } from "@/lib/oauth/constants";

const badRequest = (message: string) => new AppError("invalid_request", message);
const badScope = (message: string) => new AppError("invalid_request", message, { oauthCode: "invalid_scope" });
const badClient = (message: string) => new AppError("unauthorized", message);
const clientRefused = (message: string) => new AppError("forbidden", message);

/** Said for an unknown client id and for a wrong secret alike. */
export const CLIENT_NOT_AUTHENTICATED =
  "Client authentication failed: the client id was not found or the client secret is not valid. Check that you send the application's client id and the secret's value, not its id.";

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
    if (bodySecret) throw badRequest("Send the client secret once: in the Authorization header or in the body, not both.");
    const notBasic = () => badClient("The Authorization header is not valid Basic credentials.");
    const decoded = Buffer.from(authorization.slice(6).trim(), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) throw notBasic();
    // RFC 6749 §2.3.1: both parts are form-urlencoded before being joined.
    const formDecode = (part: string) => {
      try {
        return decodeURIComponent(part.replace(/\+/g, " "));
      } catch {
        throw notBasic();
      }
    };
    const clientId = formDecode(decoded.slice(0, colon));
    const clientSecret = formDecode(decoded.slice(colon + 1));
    if (bodyId && bodyId !== clientId) throw badRequest("client_id in the body differs from the one in the Authorization header.");
    return { clientId, clientSecret };
  }
  if (!bodyId) throw badRequest("The request has no client_id.");
  if (!bodySecret) throw badClient("The request has no client_secret (in the body or as HTTP Basic credentials).");
  return { clientId: bodyId, clientSecret: bodySecret };
}

function sameDigest(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export async function issueAccessToken(request: TokenRequest): Promise<TokenResponse> {
  const { form, version } = request;
  const grantType = form.get("grant_type");
  if (!grantType) throw badRequest("The request has no grant_type: use grant_type=client_credentials.");
  if (grantType !== "client_credentials") throw badRequest(`The grant type '${grantType.slice(0, 40)}' is not supported: use client_credentials.`);

  if (version === "2.0") {
    const scope = form.get("scope");
    if (!scope) throw badScope(`The request has no scope: use scope=${DEFAULT_SCOPE}.`);
    if (scope.trim() !== DEFAULT_SCOPE) throw badScope(`The scope '${scope.slice(0, 100)}' is not valid: the client-credentials grant takes scope=${DEFAULT_SCOPE}.`);
  } else {
    const resource = form.get("resource");
    if (!resource) throw badRequest(`The request has no resource: use resource=${RESOURCE_ID}.`);
    if (resource.trim().replace(/\/$/, "") !== RESOURCE_ID) throw badScope(`The resource '${resource.slice(0, 100)}' is not known: use resource=${RESOURCE_ID}.`);
  }

  const { clientId, clientSecret } = clientCredentials(form, request.authorization);
  const tenant = await getTenantByIdOrSlug(request.tenant);
  if (!tenant) throw new AppError("not_found", `Tenant '${request.tenant.slice(0, 60)}' not found.`);

  // By client id across tenants: a multi-tenant app is registered in another tenant than the one it asks
  // a token for. The app and the secret are both looked up whatever either answer is, and an unknown
  // client id and a wrong secret get the same refusal: the endpoint does not tell which client ids exist.
  const digest = isWellFormedClientSecret(clientSecret) ? digestToken(clientSecret) : null;
  const [app, secret] = await Promise.all([
    /^[0-9a-f-]{36}$/i.test(clientId) ? crossTenantDb.appRegistration.findUnique({ where: { id: clientId.toLowerCase() } }) : null,
    digest ? db.appSecret.findUnique({ where: { digest } }) : null,
  ]);
  if (!app || !secret || secret.appId !== app.id || !sameDigest(secret.digest, digest!)) throw badClient(CLIENT_NOT_AUTHENTICATED);
  if (secret.expiresAt.getTime() <= Date.now()) {
    throw badClient(`The client secret expired on ${secret.expiresAt.toISOString()}: create a new one under Certificates & secrets.`);
  }
  // The same decisions as the consent page and the API guard: may this tenant consent to the app at
  // all, and does it, with the app enabled? Read fresh, so a consent granted a moment ago counts.
  requireTenantMayConsent(app, tenant.id);
  const access = await appAccess(app.id, tenant.id, { fresh: true });
  if (!access) throw clientRefused(`No administrator of tenant '${tenant.name}' has consented to the application: grant admin consent first.`);
  if (access.disabled) throw clientRefused(APP_DISABLED_MESSAGE);

  const roles = access.scopes;
  const signer = await currentSigner();
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    tid: tenant.id,
    oid: access.consentId,
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
    .setSubject(access.consentId)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + ACCESS_TOKEN_TTL_SECONDS)
    .setJti(randomUUID())
    .sign(signer.privateKey);
  return { token_type: "Bearer", expires_in: ACCESS_TOKEN_TTL_SECONDS - 1, ext_expires_in: ACCESS_TOKEN_TTL_SECONDS - 1, access_token: accessToken };
}
