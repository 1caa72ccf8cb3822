// SCIM's refusals in the RFC 7644 error shape: `{"schemas": [Error], "status": "400", "scimType"?, "detail"}`.
// lib/scim throws the domain's one error (AppError) and says the scimType in its details; the SCIM guard
// translates every refusal here, once.
import { AppError, isAppError, type ErrorCode } from "@/lib/errors";
import { asUnavailable } from "@/lib/db/unavailable";

export const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
export const SCIM_CONTENT_TYPE = "application/scim+json";

/** RFC 7644 §3.12's scimType values Keyport answers with. */
export type ScimType = "invalidFilter" | "tooMany" | "uniqueness" | "mutability" | "invalidSyntax" | "invalidPath" | "noTarget" | "invalidValue" | "invalidVers";

const SCIM_TYPE_KEY = "scimType";

/** A refusal with its scimType (a 400 or 409), as an AppError. */
export function scimError(scimType: ScimType, detail: string, code: ErrorCode = scimType === "uniqueness" ? "conflict" : "invalid_request"): AppError {
  return new AppError(code, detail, { details: { [SCIM_TYPE_KEY]: [scimType] } });
}

export function scimJson(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { "content-type": SCIM_CONTENT_TYPE, "cache-control": "no-store", ...init.headers },
  });
}

export function scimErrorBody(status: number, detail: string, scimType?: string) {
  return { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail };
}

/** Any failure as the RFC's error answer: an AppError with its status, anything else a 500 logged here. */
export function scimErrorResponse(thrown: unknown): Response {
  const error = asUnavailable(thrown);
  if (isAppError(error)) {
    const scimType = error.details?.[SCIM_TYPE_KEY]?.[0];
    const headers: Record<string, string> = { ...error.headers };
    if (error.status === 401) headers["WWW-Authenticate"] = 'Bearer realm="scim"';
    return scimJson(scimErrorBody(error.status, error.message, scimType), { status: error.status, headers });
  }
  console.error("keyport: unexpected error in a SCIM handler", error);
  return scimJson(scimErrorBody(500, "Something went wrong on our side. Try again."), { status: 500 });
}
