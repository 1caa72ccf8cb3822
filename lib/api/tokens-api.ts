// The tokens API (/api/v1/tokens/…): which credentials may use it, and its handlers. What a token may
// do is decided in lib/tokens (visibility, scopes, lifetime policy); here the calling credential
// becomes the maker or the actor:
//   - only a user's API token lists, makes, revokes and rotates API tokens: an application's access
//     token has no user to make a token for, and a SIEM agent's or log collector's token is limited to
//     its job; both may still rotate themselves where that applies (self/rotate, tokens only);
//   - a token never hands out more than it holds (lib/tokens/credential-ceiling.ts): what it makes or
//     rotates stays within its scopes, its allowed IP ranges and its lifetime, and a value a rotation
//     replaced manages no tokens at all;
//   - every change is audited "via API" naming the calling credential.
import { AppError } from "@/lib/errors";
import type { UserActor } from "@/lib/actor";
import type { ApiPrincipal } from "@/lib/api/authenticate-request";
import { listRequestOfQuery, parseListRequest } from "@/lib/api/list-request";
import { readJsonObject } from "@/lib/api/request-body";
import { buildListQuery } from "@/lib/resources/list-query";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { listApiTokenPage, tokenListSpec } from "@/lib/tokens/list-api-tokens";
import { revokeApiToken } from "@/lib/tokens/revoke-token";
import { rotateApiToken, rotateOwnToken, type RotatedToken } from "@/lib/tokens/rotate-token";
import { createTokenBodySchema, newApiTokenInputOf, rotateTokenBodySchema, rotateTokenByIdBodySchema, rotationExpirationOf, tokenListStatusSchema } from "@/lib/tokens/schemas";
import { zodDetails } from "@/lib/validation/zod-details";
import { isUserActor } from "@/lib/actor";
import { scopesAllow } from "@/lib/permissions";
import type { CredentialCeiling } from "@/lib/tokens/credential-ceiling";

type Caller = { principal: ApiPrincipal };

const APP_REFUSED =
  "An application's access token cannot manage API tokens: API tokens belong to users. Use an API token of a user (Authorization: Token …); to replace the app's own credential, add a new client secret.";
const SERVICE_ACCOUNT_REFUSED =
  "A service account's token cannot manage API tokens or service accounts: use a Global administrator's own API token. It can still rotate itself (POST /api/v1/tokens/self/rotate/).";
const INTEGRATION_REFUSED = "A SIEM agent or log collector token can only rotate itself (POST /api/v1/tokens/self/rotate/).";

/** How the audit trail names the credential that made a call. */
export function credentialOf(principal: ApiPrincipal): Record<string, unknown> {
  return principal.token ? { credential: `${principal.token.kind === "API_TOKEN" ? "API token" : principal.token.kind === "SIEM_AGENT" ? "SIEM agent" : "Log collector"} "${principal.token.name}" (${principal.token.id})` } : {};
}

/** What the calling token holds: the ceiling of anything it makes or rotates. */
function ceilingOf(principal: ApiPrincipal, token: NonNullable<ApiPrincipal["token"]>): CredentialCeiling {
  return {
    tokenId: token.id,
    scopes: principal.scopes,
    allowedIps: token.allowedIps,
    expiresAt: token.expiresAt === null ? null : new Date(token.expiresAt),
    replacedValue: token.replacedValue,
  };
}

/** The user behind a user's API token, and what that token holds; anything else is refused with forbidden. */
export function userTokenCaller(principal: ApiPrincipal): { actor: UserActor; credential: CredentialCeiling } {
  if (principal.type === "app" || !principal.token) throw new AppError("forbidden", APP_REFUSED);
  if (principal.token.kind !== "API_TOKEN") throw new AppError("forbidden", INTEGRATION_REFUSED);
  if (principal.serviceAccount) throw new AppError("forbidden", SERVICE_ACCOUNT_REFUSED);
  if (!isUserActor(principal.actor)) throw new AppError("forbidden", APP_REFUSED);
  return { actor: principal.actor, credential: ceilingOf(principal, principal.token) };
}

/**
 * `GET /api/v1/tokens/`: the list contract's query parameters (skip, limit, sortField, sortDirection,
 * filters as JSON) and `status`. A full admin's token sees the tenant's tokens when it holds a settings
 * scope; any other token, its issuer's own.
 */
export async function listTokens(request: Request, { principal }: Caller) {
  const { actor } = userTokenCaller(principal);
  const params = new URL(request.url).searchParams;
  const status = tokenListStatusSchema.safeParse(params.get("status") ?? undefined);
  if (!status.success) throw new AppError("invalid_request", "The list request is not valid: see error.details.", { details: { status: zodDetails(status.error)._ ?? ["invalid"] } });
  const now = new Date();
  const spec = tokenListSpec(now);
  const query = buildListQuery(parseListRequest(listRequestOfQuery(params)), spec);
  // ?status=active is the short form of the filter {"status": {"eq": ["active"]}}, and holds alongside any filters.
  if (status.data) query.where = { AND: [query.where, buildListQuery({ filters: { status: { eq: [status.data] } } }, spec).where] };
  return listApiTokenPage(actor, query, { ownOnly: !scopesAllow(principal.scopes, "tokens.listAll"), now });
}

/** `POST /api/v1/tokens/`: a new token for the calling token's issuer, within what the calling token holds. */
export async function createToken(request: Request, { principal }: Caller): Promise<Response> {
  const { actor, credential } = userTokenCaller(principal);
  const body = await readJsonObject(request, createTokenBodySchema);
  const created = await createApiToken(actor, newApiTokenInputOf(body), {
    credential,
    via: "api",
    auditDetails: credentialOf(principal),
  });
  return Response.json(created, { status: 201 });
}

/** `POST /api/v1/tokens/{id}/revoke/`: any API token of the tenant (the guard asked for Settings.manage). */
export async function revokeToken(_request: Request, { principal, params }: Caller & { params: { id: string } }) {
  const { actor, credential } = userTokenCaller(principal);
  const { token } = await revokeApiToken(actor, params.id, { via: "api", auditDetails: credentialOf(principal), credential });
  return { token };
}

const rotatedAnswer = (rotated: RotatedToken) => ({ token: rotated.token, value: rotated.value });

/**
 * `POST /api/v1/tokens/{id}/rotate/` `{"gracePeriodSeconds", "expiresInDays"?}`: any API token of the tenant
 * holding no more than the caller; a new expiry is checked against the tenant's maximum, like a new token's.
 */
export async function rotateToken(request: Request, { principal, params }: Caller & { params: { id: string } }) {
  const { actor, credential } = userTokenCaller(principal);
  const { gracePeriodSeconds, expiresInDays } = await readJsonObject(request, rotateTokenByIdBodySchema);
  const expiration = rotationExpirationOf(expiresInDays);
  return rotatedAnswer(await rotateApiToken(actor, params.id, { graceSeconds: gracePeriodSeconds, expiration, via: "api", auditDetails: credentialOf(principal), credential }));
}

/** `POST /api/v1/tokens/self/rotate/`: the calling token (of any kind) replaces its own value. */
export async function rotateCallingToken(request: Request, { principal }: Caller) {
  if (principal.type === "app" || !principal.token) {
    throw new AppError("forbidden", "An application's access token cannot be rotated: it expires within the hour. To replace the app's credential, add a new client secret.");
  }
  const { gracePeriodSeconds } = await readJsonObject(request, rotateTokenBodySchema);
  const credential = { ...ceilingOf(principal, principal.token), tenantId: principal.tenant.id };
  return rotatedAnswer(await rotateOwnToken(principal.actor, credential, { graceSeconds: gracePeriodSeconds, auditDetails: credentialOf(principal) }));
}
