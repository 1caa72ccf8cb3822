// The service-accounts API (/api/v1/service-accounts/…): a Global administrator's own API token lists
// them with a settings scope and changes them with Settings.manage (the guard checks the scope, lib/
// the full admin behind it). What the calling token holds is the ceiling of what it makes: an account's
// role, a token's scopes, IP ranges and lifetime. Every change is audited "via API" naming the token.
import type { ApiPrincipal } from "@/lib/api/authenticate-request";
import { listRequestOfQuery, parseListRequest } from "@/lib/api/list-request";
import { readJsonObject } from "@/lib/api/request-body";
import { credentialOf, userTokenCaller } from "@/lib/api/tokens-api";
import { refuseReplacedValue } from "@/lib/tokens/credential-ceiling";
import { buildListQuery, type ResourceSpec } from "@/lib/resources/list-query";
import { createServiceAccount, createServiceAccountToken, deleteServiceAccount, listServiceAccounts, setServiceAccountDisabled } from "@/lib/service-accounts/manage-service-accounts";
import { newServiceAccountSchema } from "@/lib/service-accounts/schemas";
import { createTokenBodySchema, newApiTokenInputOf } from "@/lib/tokens/schemas";

type Caller = { principal: ApiPrincipal };
type WithId = Caller & { params: { id: string } };

/** The list takes `skip` and `limit` only: service accounts are few, listed by name. */
export const SERVICE_ACCOUNT_LIST_SPEC: ResourceSpec = { fields: {}, sortFields: {}, defaultSort: { column: "name", direction: "asc" } };

const via = (principal: ApiPrincipal) => ({ via: "api", ...credentialOf(principal) });

/**
 * The caller of a route that changes service accounts or makes their tokens: a person's API token, and not
 * a value a rotation replaced (which still reads during its grace period, but manages nothing).
 */
function managingCaller(principal: ApiPrincipal) {
  const caller = userTokenCaller(principal);
  refuseReplacedValue(caller.credential);
  return caller;
}

/** `GET /api/v1/service-accounts/?skip=&limit=`. */
export async function listServiceAccountsRoute(request: Request, { principal }: Caller) {
  const { actor } = userTokenCaller(principal);
  const query = buildListQuery(parseListRequest(listRequestOfQuery(new URL(request.url).searchParams)), SERVICE_ACCOUNT_LIST_SPEC);
  return listServiceAccounts(actor, { skip: query.skip, take: query.take });
}

/** `POST /api/v1/service-accounts/` `{"name", "description"?, "role"}` → 201 `{"serviceAccount"}`. */
export async function createServiceAccountRoute(request: Request, { principal }: Caller): Promise<Response> {
  const { actor } = managingCaller(principal);
  const body = await readJsonObject(request, newServiceAccountSchema);
  const serviceAccount = await createServiceAccount(actor, body, { callerScopes: principal.scopes, auditDetails: via(principal) });
  return Response.json({ serviceAccount }, { status: 201 });
}

/** `POST /api/v1/service-accounts/{id}/tokens/` (the body of `POST /api/v1/tokens/`) → 201 `{"token", "value"}`. */
export async function createServiceAccountTokenRoute(request: Request, { principal, params }: WithId): Promise<Response> {
  const { actor, credential } = managingCaller(principal);
  const body = await readJsonObject(request, createTokenBodySchema);
  const created = await createServiceAccountToken(actor, params.id, newApiTokenInputOf(body), { credential, via: "api", auditDetails: credentialOf(principal) });
  return Response.json(created, { status: 201 });
}

/** `POST /api/v1/service-accounts/{id}/disable/` and `/enable/` → `{"serviceAccount"}`. */
export function setDisabledRoute(disabled: boolean) {
  return async (_request: Request, { principal, params }: WithId) => {
    const { actor } = managingCaller(principal);
    return { serviceAccount: await setServiceAccountDisabled(actor, params.id, disabled, { auditDetails: via(principal) }) };
  };
}

/** `DELETE /api/v1/service-accounts/{id}/` → `{"deleted": true, "revokedTokens": n}`. */
export async function deleteServiceAccountRoute(_request: Request, { principal, params }: WithId) {
  const { actor } = managingCaller(principal);
  const { revokedTokens } = await deleteServiceAccount(actor, params.id, { via: "api", auditDetails: credentialOf(principal) });
  return { deleted: true, revokedTokens };
}
