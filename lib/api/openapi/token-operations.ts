// The operations of API tokens and leaked-credential reports (/api/v1/tokens…, /api/v1/credentials/revoke).
import { createTokenBodySchema, leakReportBodySchema, rotateTokenBodySchema, rotateTokenByIdBodySchema, tokenListStatusSchema } from "@/lib/tokens/schemas";
import { tokenListSpec } from "@/lib/tokens/list-api-tokens";
import { listQuerySchema } from "@/lib/api/openapi/list-schemas";
import { pathId as id, type Operation } from "@/lib/api/openapi/operation-shape";
import { leakReportAcceptedSchema, listPageSchema, revokedTokenSchema, tokenObjectSchema, tokenWithValueSchema } from "@/lib/api/openapi/response-schemas";

export const TOKEN_OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/api/v1/tokens",
    operationId: "listTokens",
    summary: "List API tokens",
    description:
      "A Global administrator's token holding Settings.read or Settings.manage lists the tenant's API tokens, any other user's token its user's own (never SIEM agents, log collectors or revoked tokens). An application's access token, a SIEM agent's or a log collector's is refused with 403.",
    tag: "tokens",
    action: "tokens.list",
    query: listQuerySchema(tokenListSpec(new Date(0)), { status: tokenListStatusSchema.meta({ description: "Only tokens of this status (the short form of the status filter)." }) }),
    success: { status: 200, description: "A page of tokens.", schema: listPageSchema(tokenObjectSchema, "TokenPage") },
    failures: ["invalid_request"],
  },
  {
    method: "post",
    path: "/api/v1/tokens",
    operationId: "createToken",
    summary: "Make an API token",
    description:
      "A token for the calling token's user, never holding more than the calling token: its scopes (default: the caller's), allowed IP ranges (default: the caller's) and lifetime (shortened to the caller's expiry). `expiresInDays` omitted: 30 days or the tenant's maximum when shorter; null: no expiry (refused under a maximum). `description` says what the token is for. A name already in use is allowed.",
    tag: "tokens",
    action: "tokens.manage",
    body: { schema: createTokenBodySchema, example: { name: "Nightly export", description: "The SIEM's nightly pull of closed alerts", expiresInDays: 90, scopes: ["Investigation.read"], allowedIps: ["203.0.113.0/24"] } },
    success: { status: 201, description: "The new token and its value (shown once).", schema: tokenWithValueSchema },
    failures: ["invalid_request", "payload_too_large"],
  },
  {
    method: "post",
    path: "/api/v1/tokens/{id}/revoke",
    operationId: "revokeToken",
    summary: "Revoke an API token",
    tag: "tokens",
    action: "tokens.manage",
    pathParams: id("token"),
    success: { status: 200, description: "The revoked token.", schema: revokedTokenSchema },
    failures: ["not_found"],
  },
  {
    method: "post",
    path: "/api/v1/tokens/{id}/rotate",
    operationId: "rotateToken",
    summary: "Rotate an API token",
    description:
      "A new value; the old one keeps working for the grace period, then gets 401. The token keeps its id, name, scopes and allowed IPs and gets a fresh lifetime of the same length, or, with `expiresInDays`, a new one from now (null: no expiration), which must be within the tenant's maximum (else 400) and is shortened to the calling token's expiry.",
    tag: "tokens",
    action: "tokens.manage",
    pathParams: id("token"),
    body: { schema: rotateTokenByIdBodySchema, required: false, example: { gracePeriodSeconds: 3600, expiresInDays: 90 } },
    success: { status: 200, description: "The token and its new value (shown once).", schema: tokenWithValueSchema },
    failures: ["invalid_request", "not_found", "conflict", "payload_too_large"],
  },
  {
    method: "post",
    path: "/api/v1/tokens/self/rotate",
    operationId: "rotateCallingToken",
    summary: "Rotate the calling token",
    description: "Any token (API token, SIEM agent, log collector) replaces its own value and renews its own lifetime.",
    tag: "tokens",
    action: "tokens.rotateSelf",
    body: { schema: rotateTokenBodySchema, required: false, example: { gracePeriodSeconds: 0 } },
    success: { status: 200, description: "The token and its new value (shown once).", schema: tokenWithValueSchema },
    failures: ["invalid_request", "conflict", "payload_too_large"],
  },

  {
    method: "post",
    path: "/api/v1/credentials/revoke",
    operationId: "reportLeakedCredentials",
    summary: "Report leaked credentials",
    description:
      "Anybody may report values found where they should not be: every API token, SIEM agent token, log collector token and app client secret among them stops working from the next request. The answer is the same whether anything was revoked or not.",
    tag: "credentials",
    action: null,
    body: { schema: leakReportBodySchema, example: { credentials: ["kpat_…", "kpcs_…"] } },
    success: { status: 202, description: "The report is accepted.", schema: leakReportAcceptedSchema },
    failures: ["invalid_request", "payload_too_large"],
  },
];
