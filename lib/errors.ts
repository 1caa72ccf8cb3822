// One error type for the API, one code → status table, one JSON formatter (CONTRACT §4).

export const ERROR_STATUS = {
  unauthorized: 401,
  permission_denied: 403,
  forbidden: 403,
  invalid_request: 400,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal_error: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export type ErrorDetails = Record<string, string[]>;

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details?: ErrorDetails;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message: string, options: { details?: ErrorDetails; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.details = options.details;
    this.headers = options.headers ?? {};
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function errorBody(error: ApiError) {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
    },
  };
}

export function errorResponse(error: ApiError): Response {
  const headers: Record<string, string> = { ...error.headers };
  if (error.code === "unauthorized") {
    headers["WWW-Authenticate"] ??= 'Token realm="keyport", Bearer realm="keyport"';
  }
  return Response.json(errorBody(error), { status: error.status, headers });
}

/** Result of a server action that may fail with a message the person can act on. */
export type ActionResult<T = undefined> = { ok: true; value: T } | { ok: false; error: string; fieldErrors?: ErrorDetails };
