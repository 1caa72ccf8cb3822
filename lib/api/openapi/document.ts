// The OpenAPI 3.1 document of the HTTP API, made from the operation table (operations.ts) with
// zod-openapi: request schemas are the ones the handlers validate with, response schemas are the ones
// the end-to-end suite checks every answer against, and each operation's scopes come from the one
// permission map. Served at GET /api/v1/openapi.json and rendered at /docs/api.
import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponseObject, type ZodOpenApiResponsesObject } from "zod-openapi";
import { ACTION_SCOPES, SCOPE_DESCRIPTIONS, type Scope } from "@/lib/permissions";
import { KEYPORT_VERSION } from "@/lib/version";
import { OPERATIONS, TAGS, type Failure, type Operation } from "@/lib/api/openapi/operations";
import { ERROR_CODES, errorEnvelopeSchema } from "@/lib/api/openapi/response-schemas";

/** The audience (resource) an application asks a token for. */
const API_RESOURCE = "05a65629-4c1b-48c1-a78b-804c4abdd4af";

function errorResponse(id: string, description: string, codes: readonly [string, ...string[]], headers?: Record<string, string>): ZodOpenApiResponseObject {
  return {
    id,
    description,
    content: { "application/json": { schema: errorEnvelopeSchema(codes).meta({ id: `${id}Error` }), example: { error: { code: codes[0], message: description } } } },
    ...(headers ? { headers: z.object(Object.fromEntries(Object.entries(headers).map(([name, text]) => [name, z.string().meta({ description: text })]))) } : {}),
  };
}

const RETRY_AFTER = { "Retry-After": "Seconds to wait before trying again." };

/** The answers every refusal of the API takes, each with the `error.code` values it can carry. */
const ERRORS = {
  invalid_request: errorResponse("InvalidRequest", "The body or the query fails validation (`error.details` names each offending field).", ["invalid_request"]),
  unauthorized: errorResponse(
    "Unauthorized",
    "No, a malformed, unknown, revoked or expired credential; a value replaced by a rotation once its grace period is over; another tenant's credential on a tenant URL.",
    ["unauthorized"],
    { "WWW-Authenticate": "The schemes the API accepts: Token and Bearer." },
  ),
  forbidden: errorResponse(
    "Forbidden",
    "`permission_denied`: the token's issuer is deprovisioned (or its service account disabled); `ip_not_allowed`: the client IP is outside the token's allowed IP ranges; `forbidden`: the credential holds none of the scopes the operation needs, or may not make this call at all.",
    ["forbidden", "permission_denied", "ip_not_allowed"],
  ),
  not_found: errorResponse("NotFound", "No such id in this tenant (another tenant's id included).", ["not_found"]),
  conflict: errorResponse("Conflict", "The token changed meanwhile (revoked, or rotated by another call).", ["conflict"]),
  payload_too_large: errorResponse("PayloadTooLarge", "The body is larger than the route takes (JSON 256 KiB, log uploads 10 MiB).", ["payload_too_large"]),
  rate_limited: errorResponse("RateLimited", "Over the rate limit.", ["rate_limited"], RETRY_AFTER),
  unavailable: errorResponse("Unavailable", "The database cannot be reached: answered within 5 s; try again.", ["unavailable"], RETRY_AFTER),
  other: errorResponse("OtherError", "Any other refusal or failure, in the same envelope (for example 500 `internal_error`, 405 `method_not_allowed`).", ERROR_CODES),
} as const;

const FAILURE_STATUS: Record<Failure, string> = { invalid_request: "400", not_found: "404", conflict: "409", payload_too_large: "413" };

function responsesOf(operation: Operation): ZodOpenApiResponsesObject {
  const { success } = operation;
  const responses: Record<string, ZodOpenApiResponseObject> = {
    [String(success.status)]: {
      description: success.description,
      content: { [success.contentType ?? "application/json"]: { schema: success.schema, ...(success.example !== undefined ? { example: success.example } : {}) } },
    },
  };
  for (const failure of operation.failures) responses[FAILURE_STATUS[failure]] = ERRORS[failure];
  if (operation.action !== null) {
    responses["401"] = ERRORS.unauthorized;
    responses["403"] = ERRORS.forbidden;
  }
  if (operation.action !== null || operation.operationId === "reportLeakedCredentials") responses["429"] = ERRORS.rate_limited;
  responses["503"] = ERRORS.unavailable;
  responses.default = ERRORS.other;
  return responses as ZodOpenApiResponsesObject;
}

/** Any one of the scopes allows the operation: one security requirement per scheme and scope. */
function securityOf(operation: Operation): ZodOpenApiOperationObject["security"] {
  if (operation.action === null) return [];
  const scopes: readonly Scope[] = ACTION_SCOPES[operation.action];
  return scopes.flatMap((scope): Record<string, string[]>[] => [{ Token: [scope] }, { Bearer: [scope] }]);
}

function operationObject(operation: Operation): ZodOpenApiOperationObject {
  const scopes = operation.action === null ? null : ACTION_SCOPES[operation.action];
  const needs = scopes ? `Needs one of the scopes ${scopes.map((scope) => `\`${scope}\``).join(", ")}.` : "No authentication.";
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    description: [operation.description, needs].filter(Boolean).join("\n\n"),
    tags: [TAGS[operation.tag].name],
    security: securityOf(operation),
    ...(scopes ? { "x-keyport-scopes": [...scopes] } : {}),
    ...(operation.pathParams || operation.query ? { requestParams: { ...(operation.pathParams ? { path: operation.pathParams } : {}), ...(operation.query ? { query: operation.query } : {}) } } : {}),
    ...(operation.body
      ? {
          requestBody: {
            required: operation.body.required ?? true,
            content: { [operation.body.contentType ?? "application/json"]: { schema: operation.body.schema, ...(operation.body.example !== undefined ? { example: operation.body.example } : {}) } },
          },
        }
      : {}),
    responses: responsesOf(operation),
  };
}

function buildDocument() {
  const paths: ZodOpenApiPathsObject = {};
  for (const operation of OPERATIONS) {
    paths[operation.path] = { ...paths[operation.path], [operation.method]: operationObject(operation) };
  }
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Keyport API",
      version: KEYPORT_VERSION,
      description: [
        "Alerts, activities, entities, IP ranges, Cloud Discovery and API tokens of a Keyport tenant.",
        "Call the API on your tenant URL (`https://<tenant>.<your Keyport>`), or on the deployment's URL, where the credential names its tenant. Paths answer with or without their trailing slash.",
        "**Authentication**: `Authorization: Token <api token>` with a token from Settings › API tokens (its user's role at each request, narrowed by the scopes chosen for it), or `Authorization: Bearer <access token>` from the OAuth 2.0 client-credentials endpoint `/{tenantId}/oauth2/v2.0/token` (form fields `grant_type=client_credentials`, `client_id`, `client_secret`, `scope=" +
          API_RESOURCE +
          "/.default`), holding the application's consented permissions.",
        "**Lists** take `skip`, `limit` (at most 100), `sortField`, `sortDirection` and `filters` (`{\"field\": {\"operator\": value}}` with the operators `eq`, `neq`, `gt`, `gte`, `lt`, `lte`, `range`, `contains`, `isset`, `isnotset`), as query parameters of a GET (filters as JSON) or as the JSON body of a POST, and answer `{\"data\": [...], \"hasNext\", \"total\"}`. Times are milliseconds since the epoch.",
        "**Errors** are JSON: `{\"error\": {\"code\", \"message\", \"details\"?}}`; the refusals of a credential come in the order 401 `unauthorized`, 403 `permission_denied`, 403 `ip_not_allowed`, 429 `rate_limited`, 403 `forbidden`.",
      ].join("\n\n"),
      license: { name: "Proprietary", identifier: "LicenseRef-Keyport" },
    },
    servers: [{ url: "/", description: "This Keyport deployment (or a tenant URL of it)." }],
    tags: Object.values(TAGS).map((tag) => ({ ...tag })),
    security: [{ Token: [] }, { Bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        Token: {
          type: "apiKey",
          in: "header",
          name: "Authorization",
          description: "`Authorization: Token <value>`: an API token (kpat_…), SIEM agent token (kpsa_…) or log collector token (kplc_…). It holds its user's role's scopes now, narrowed by the scopes chosen when it was made.",
        },
        Bearer: {
          type: "oauth2",
          description: `An application's access token: \`Authorization: Bearer <JWT>\`, from the tenant's token endpoint (replace {tenantId} with the tenant's id; \`scope=${API_RESOURCE}/.default\`, or \`resource=${API_RESOURCE}\` on /{tenantId}/oauth2/token). It holds the permissions an admin consented to for the app.`,
          flows: { clientCredentials: { tokenUrl: "/{tenantId}/oauth2/v2.0/token", scopes: { ...SCOPE_DESCRIPTIONS } } },
        },
      },
    },
  });
}

let built: ReturnType<typeof buildDocument> | undefined;

/** The document (made once per process: it depends on the code alone). */
export function openApiDocument() {
  built ??= buildDocument();
  return built;
}
