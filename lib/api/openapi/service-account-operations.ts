// The operations of service accounts (/api/v1/service-accounts…).
import { createTokenBodySchema } from "@/lib/tokens/schemas";
import { newServiceAccountSchema } from "@/lib/service-accounts/schemas";
import { SERVICE_ACCOUNT_LIST_SPEC } from "@/lib/api/service-accounts-api";
import { listQuerySchema } from "@/lib/api/openapi/list-schemas";
import { pathId as id, type Operation } from "@/lib/api/openapi/operation-shape";
import { deletedServiceAccountSchema, listPageSchema, serviceAccountAnswerSchema, serviceAccountSchema, tokenWithValueSchema } from "@/lib/api/openapi/response-schemas";

const WHO = "A Global administrator's own API token (not a service account's or an application's);";

export const SERVICE_ACCOUNT_OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/api/v1/service-accounts",
    operationId: "listServiceAccounts",
    summary: "List service accounts",
    description: `${WHO} any other is refused with 403. By name.`,
    tag: "serviceAccounts",
    action: "serviceAccounts.read",
    query: listQuerySchema(SERVICE_ACCOUNT_LIST_SPEC),
    success: { status: 200, description: "A page of service accounts.", schema: listPageSchema(serviceAccountSchema, "ServiceAccountPage") },
    failures: ["invalid_request"],
  },
  {
    method: "post",
    path: "/api/v1/service-accounts",
    operationId: "createServiceAccount",
    summary: "Add a service account",
    description: `${WHO} the account's role may hold no scope the calling token does not (403 forbidden). A name already in use: 409.`,
    tag: "serviceAccounts",
    action: "serviceAccounts.manage",
    body: { schema: newServiceAccountSchema, example: { name: "SIEM export", description: "Nightly alert export", role: "SECURITY_READER" } },
    success: { status: 201, description: "The new service account.", schema: serviceAccountAnswerSchema },
    failures: ["invalid_request", "conflict", "payload_too_large"],
  },
  {
    method: "post",
    path: "/api/v1/service-accounts/{id}/tokens",
    operationId: "createServiceAccountToken",
    summary: "Make a service account's token",
    description:
      "The options of POST /api/v1/tokens/. The token holds the account's role ∩ the chosen scopes, and never more than the calling token: its scopes, allowed IP ranges and lifetime. A disabled account: 409.",
    tag: "serviceAccounts",
    action: "serviceAccounts.manage",
    pathParams: id("service account"),
    body: { schema: createTokenBodySchema, example: { name: "SIEM connector", expiresInDays: 90, scopes: ["Investigation.read"] } },
    success: { status: 201, description: "The new token and its value (shown once).", schema: tokenWithValueSchema },
    failures: ["invalid_request", "not_found", "conflict", "payload_too_large"],
  },
  {
    method: "post",
    path: "/api/v1/service-accounts/{id}/disable",
    operationId: "disableServiceAccount",
    summary: "Disable a service account",
    description: "Its tokens answer 403 permission_denied, on every instance, from when this answers.",
    tag: "serviceAccounts",
    action: "serviceAccounts.manage",
    pathParams: id("service account"),
    success: { status: 200, description: "The service account.", schema: serviceAccountAnswerSchema },
    failures: ["not_found"],
  },
  {
    method: "post",
    path: "/api/v1/service-accounts/{id}/enable",
    operationId: "enableServiceAccount",
    summary: "Enable a service account",
    tag: "serviceAccounts",
    action: "serviceAccounts.manage",
    pathParams: id("service account"),
    success: { status: 200, description: "The service account.", schema: serviceAccountAnswerSchema },
    failures: ["not_found"],
  },
  {
    method: "delete",
    path: "/api/v1/service-accounts/{id}",
    operationId: "deleteServiceAccount",
    summary: "Delete a service account",
    description: "Its tokens are revoked with it and answer 401, on every instance, from when this answers.",
    tag: "serviceAccounts",
    action: "serviceAccounts.manage",
    pathParams: id("service account"),
    success: { status: 200, description: "Deleted.", schema: deletedServiceAccountSchema },
    failures: ["not_found"],
  },
];
