// What every answer of the HTTP front carries, by kind of path, and the JSON error bodies the front
// writes itself. Kept apart from the server so the rules can be read (and tested) in one place.
import { OAUTH_PATH, SCIM_PATH, type ErrorStyle } from "@/lib/http/body-limits";
import { isPublicUrlHttps } from "@/lib/http/public-url";

export type PathKind = "api" | "oauth" | "scim" | "asset" | "page";

export function pathKind(pathname: string): PathKind {
  if (pathname === "/api" || pathname.startsWith("/api/")) return "api";
  if (OAUTH_PATH.test(pathname)) return "oauth";
  if (SCIM_PATH.test(pathname)) return "scim";
  if (pathname.startsWith("/_next/static/") || /^\/[^/]+\.(ico|svg|png|txt|webmanifest)$/.test(pathname)) return "asset";
  return "page";
}

/**
 * The policy of answers that are not HTML pages: they load nothing and may not be framed. Pages get a
 * policy with a fresh nonce for Next's scripts from proxy.ts; a page answer that did not pass through
 * it (a server action's answer) gets the page policy without a nonce, which lets no inline script run.
 */
export const NON_PAGE_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The page policy, with the nonce that lets Next's own inline scripts run (none: no inline script runs). */
export function pagePolicy(nonce?: string): string {
  const scripts = nonce ? `'self' 'nonce-${nonce}' 'strict-dynamic'` : "'self'";
  const styles = nonce ? `'self' 'nonce-${nonce}'` : "'self'";
  return [
    "default-src 'self'",
    `script-src ${scripts}`,
    `style-src ${styles}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(isPublicUrlHttps() ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Headers on every answer, whatever produced it. */
export function baseSecurityHeaders(): Record<string, string> {
  return {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    // Same-origin requests keep their referrer (server actions compare Origin with Host); nothing of a
    // URL (a tenant id, a path) goes to another site.
    "referrer-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), bluetooth=(), interest-cohort=()",
    ...(isPublicUrlHttps() ? { "strict-transport-security": "max-age=31536000" } : {}),
  };
}

const CODE_OF_STATUS: Record<number, string> = {
  400: "invalid_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  411: "length_required",
  413: "payload_too_large",
  414: "uri_too_long",
  429: "rate_limited",
  500: "internal_error",
  503: "unavailable",
};

const MESSAGE_OF_STATUS: Record<number, string> = {
  400: "The request is not valid.",
  401: "Authentication is required.",
  403: "This request is not allowed.",
  404: "There is nothing at this address.",
  405: "This address does not take this method.",
  411: "Send the body with a Content-Length.",
  413: "The body is too large.",
  414: "The URL is too long.",
  429: "Too many requests: try again later.",
  500: "Something went wrong on our side. Try again.",
  503: "The service is unavailable right now. Try again shortly.",
};

/** A JSON error body in the style of the path: the API's, or an OAuth 2.0 error at the OAuth endpoints. */
export function errorJson(style: ErrorStyle, status: number, message = MESSAGE_OF_STATUS[status] ?? "The request could not be served."): string {
  if (style === "scim") {
    return JSON.stringify({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: String(status), detail: message });
  }
  if (style === "oauth") {
    return JSON.stringify({ error: status >= 500 ? "server_error" : "invalid_request", error_description: message });
  }
  const code = CODE_OF_STATUS[status] ?? (status >= 500 ? "internal_error" : "invalid_request");
  return JSON.stringify({ error: { code, message } });
}
