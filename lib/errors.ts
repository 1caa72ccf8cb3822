// The one error of Keyport's domain. lib/ modules throw `new AppError(code, message)` when they refuse
// or cannot do something; each edge translates it once: the API guard (withApiAuth) and the session
// guard of route handlers (withSessionAuth) into the JSON error body below, the OAuth endpoints into
// RFC 6749 errors (lib/oauth/oauth-errors.ts), the server-action guard into a message for the person
// (lib/actions/safe-action.ts). No lib function returns null or false to mean "refused".

export const ERROR_STATUS = {
  unauthorized: 401,
  permission_denied: 403,
  forbidden: 403,
  ip_not_allowed: 403,
  invalid_request: 400,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export type ErrorDetails = Record<string, string[]>;

/** The RFC 6749 §5.2 error codes the token endpoints answer with. */
export type OAuthErrorCode = "invalid_request" | "invalid_client" | "invalid_grant" | "invalid_scope" | "unauthorized_client";

export type AppErrorOptions = {
  /** Per-field messages: `error.details` in the API, highlighted fields in the portal. */
  details?: ErrorDetails;
  /** Response headers that belong to the refusal (Retry-After, Allow …). */
  headers?: Record<string, string>;
  /** When the token endpoint must answer with a more precise RFC 6749 code than the domain code maps to. */
  oauthCode?: OAuthErrorCode;
  cause?: unknown;
};

// Next bundles lib/ into each route and into the instrumentation hook separately, and process-wide
// singletons (the database client and its extensions) are made by whichever bundle came first: an
// AppError they throw is then an instance of another copy of this class. The brand, registered
// globally, makes `instanceof AppError` hold for every copy.
const APP_ERROR_BRAND = Symbol.for("keyport.AppError");

export class AppError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[APP_ERROR_BRAND] === true;
  }

  readonly [APP_ERROR_BRAND] = true;
  readonly code: ErrorCode;
  readonly details?: ErrorDetails;
  readonly headers: Record<string, string>;
  readonly oauthCode?: OAuthErrorCode;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.details = options.details;
    this.headers = options.headers ?? {};
    this.oauthCode = options.oauthCode;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

export function errorBody(error: AppError) {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
    },
  };
}

/** The JSON answer of the API for a refusal; never cached, and a 401 names the schemes it accepts. */
export function errorResponse(error: AppError): Response {
  const headers: Record<string, string> = { "Cache-Control": "no-store", ...error.headers };
  if (error.code === "unauthorized") {
    headers["WWW-Authenticate"] ??= 'Token realm="keyport", Bearer realm="keyport"';
  }
  return Response.json(errorBody(error), { status: error.status, headers });
}

/** Result of a server action: the value, or a message (and field messages) the person can act on. */
export type ActionResult<T = undefined> = { ok: true; value: T } | { ok: false; error: string; fieldErrors?: ErrorDetails };
