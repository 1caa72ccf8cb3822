// How much request body each kind of route accepts, in one table: the route handlers read at most
// this much (lib/http/read-body.ts), and the HTTP front refuses a declared Content-Length above it
// before Next sees the request (lib/server/http-front.ts).

const KiB = 1024;
const MiB = 1024 * KiB;

export const BODY_LIMITS = {
  /** JSON bodies of the API. */
  json: 256 * KiB,
  /** SCIM requests (a group's members in one PATCH, a user with every attribute). */
  scim: 1 * MiB,
  /** The form of the OAuth token endpoints. */
  oauthForm: 16 * KiB,
  /** A multipart log upload: a log of up to 10 MiB (lib/resources/discovery.ts) and its envelope. */
  upload: 10 * MiB + 64 * KiB,
  /** next-auth's forms (sign-in, sign-out, its client log): read whole by next-auth itself. */
  authForm: 64 * KiB,
  /** Server actions posted to pages: read whole by Next itself (its own limit is 1 MB). */
  page: 1 * MiB,
} as const;

/** How a route answers a refusal: the API's JSON error, an OAuth 2.0 error at the token endpoints, SCIM's error under /scim/. */
export type ErrorStyle = "api" | "oauth" | "scim";

/** The SCIM endpoints of provisioning clients. */
export const SCIM_PATH = /^\/scim(\/|$)/;

export type BodyRule = {
  limit: number;
  style: ErrorStyle;
  /**
   * True where code we do not own (next-auth, Next's server actions) reads the body whole: there the
   * front insists on a declared Content-Length within the limit, because it cannot stop a chunked
   * body midway. Elsewhere our streaming reader enforces the limit on any body.
   */
  lengthRequired: boolean;
};

/** The OAuth endpoints of a tenant: token, metadata and keys. */
export const OAUTH_PATH = /^\/[^/]+\/(oauth2\/|discovery\/|v2\.0\/\.?well-known\/|\.?well-known\/)/;

export function bodyRuleFor(pathname: string): BodyRule {
  if (pathname === "/api/v1/discovery/upload" || pathname === "/api/v1/discovery/upload/") {
    return { limit: BODY_LIMITS.upload, style: "api", lengthRequired: false };
  }
  if (SCIM_PATH.test(pathname)) return { limit: BODY_LIMITS.scim, style: "scim", lengthRequired: false };
  if (pathname.startsWith("/api/auth/")) return { limit: BODY_LIMITS.authForm, style: "api", lengthRequired: true };
  if (pathname.startsWith("/api/")) return { limit: BODY_LIMITS.json, style: "api", lengthRequired: false };
  if (OAUTH_PATH.test(pathname)) return { limit: BODY_LIMITS.oauthForm, style: "oauth", lengthRequired: false };
  return { limit: BODY_LIMITS.page, style: "api", lengthRequired: true };
}

export function describeBytes(bytes: number): string {
  return bytes >= MiB ? `${Math.round((bytes / MiB) * 10) / 10} MiB` : `${Math.round(bytes / KiB)} KiB`;
}
