// The one place where a refusal becomes an OAuth 2.0 error answer (RFC 6749 §5.2) at the token
// endpoints: `{"error": "<code>", "error_description": "<sentence>"}`, never cached. lib/ throws
// AppError; a thrower that needs a more precise OAuth code than its domain code maps to names it in
// `oauthCode` (a bad scope is `invalid_request` to the domain but `invalid_scope` to an OAuth client).
import { AppError, isAppError, type ErrorCode, type OAuthErrorCode } from "@/lib/errors";
import { asUnavailable } from "@/lib/db/unavailable";

type OAuthAnswer = { error: OAuthErrorCode | "server_error" | "temporarily_unavailable"; status: number };

/** How each domain refusal reads to an OAuth client when the thrower named no OAuth code. */
const OAUTH_ANSWERS: Record<ErrorCode, OAuthAnswer> = {
  // The client could not be authenticated: unknown client, wrong or expired secret.
  unauthorized: { error: "invalid_client", status: 401 },
  // The client is known but may not get a token here: disabled, not consented, another tenant's app.
  forbidden: { error: "unauthorized_client", status: 400 },
  permission_denied: { error: "unauthorized_client", status: 400 },
  ip_not_allowed: { error: "unauthorized_client", status: 400 },
  invalid_request: { error: "invalid_request", status: 400 },
  // What the request names does not exist (a tenant): the request is at fault.
  not_found: { error: "invalid_request", status: 400 },
  conflict: { error: "invalid_request", status: 400 },
  method_not_allowed: { error: "invalid_request", status: 405 },
  payload_too_large: { error: "invalid_request", status: 413 },
  rate_limited: { error: "invalid_request", status: 429 },
  internal_error: { error: "server_error", status: 500 },
  unavailable: { error: "temporarily_unavailable", status: 503 },
};

const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };

function answerOf(error: AppError): OAuthAnswer {
  // RFC 6749 §5.2: invalid_client is 401, every other error of the token endpoint 400.
  if (error.oauthCode) return { error: error.oauthCode, status: error.oauthCode === "invalid_client" ? 401 : 400 };
  return OAUTH_ANSWERS[error.code];
}

/** A token endpoint's successful answer: never cached either. */
export function oauthJson(body: unknown): Response {
  return Response.json(body, { headers: NO_STORE });
}

/** The token endpoint's answer to whatever it caught: an AppError in OAuth words, anything else a server_error. */
export function oauthErrorResponse(thrown: unknown): Response {
  // The database being away: 503 temporarily_unavailable with Retry-After, never a server_error.
  const error = asUnavailable(thrown);
  if (!isAppError(error) || error.code === "internal_error") {
    console.error("keyport: the token endpoint failed", error);
    return Response.json({ error: "server_error", error_description: "Something went wrong on our side. Try again." }, { status: 500, headers: NO_STORE });
  }
  const answer = answerOf(error);
  const headers: Record<string, string> = { ...NO_STORE, ...error.headers };
  if (answer.error === "invalid_client") headers["www-authenticate"] = 'Basic realm="keyport"';
  return Response.json({ error: answer.error, error_description: error.message }, { status: answer.status, headers });
}
