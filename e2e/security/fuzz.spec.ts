// Property-based fuzzing (fast-check) of every /api/v1/ route, the OAuth endpoints, the sign-in form,
// next-auth's endpoints and the portal's server actions, against the running server: malformed JSON
// shapes, huge and fractional numbers, unicode and control characters, duplicate parameters, bad
// percent-encoding, wrong content types and methods, oversized bodies, bad CSRF tokens, foreign Origins
// (suffix tricks and `null` included), unknown action ids, scalar and garbled action payloads. Whatever
// arrives, the answer is never a 5xx or a reset connection, never anything but JSON under /api/, a
// page's answer is HTML, JSON or React's payload, an action from another origin never runs, and no
// answer comes later than 5 s.
//
// Seeded and reproducible: the run prints its seed and request count; KEYPORT_FUZZ_SEED=<seed> replays
// the same requests (against a fresh tenant of the same shape), KEYPORT_FUZZ_RUNS changes the count.
import fc from "fast-check";
import { ACTIVITY_SPEC } from "@/lib/resources/activities";
import { ALERT_SPEC } from "@/lib/resources/alerts";
import { ENTITY_SPEC } from "@/lib/resources/entities";
import { OPERATORS } from "@/lib/resources/list-query";
import { SUBNET_SPEC } from "@/lib/resources/subnets";
import { generateToken } from "@/lib/tokens/generate-token";
import { newTokenValue } from "@/lib/tokens/token-format";
import { resourceIdsOf } from "../support/e2e-data";
import { expect, FIXTURE_PASSWORD, PORT, test } from "../support/fixtures";
import { RESOURCE, setUpApp, v2Token } from "../support/oauth";
import { send, type RawRequest, type RawResponse } from "./support/raw-http";
import { actionIdsOfPages, signInOverHttp } from "./support/server-actions";

const SEED = Number(process.env.KEYPORT_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.KEYPORT_FUZZ_RUNS ?? 2400);
const CONCURRENCY = 6;
const DEADLINE_MS = 5_000;

/** What a generated request refers to, filled in with this run's tenant, ids and credentials. */
type Context = {
  tenantId: string;
  slug: string;
  ids: Record<"alert" | "activity" | "entity" | "subnet" | "stream", string>;
  adminTokens: string[];
  readerToken: string;
  appToken: string;
  clientId: string;
  clientSecret: string;
  /** The portal's origin, and the fuzzed tenant's. */
  ownOrigin: string;
  tenantOrigin: string;
  /** Server-action ids named by the pages' scripts. */
  actionIds: string[];
  cookies: { admin: string; reader: string };
  /** A real next-auth CSRF token and the cookie it belongs to, only ever sent apart or mismatched. */
  csrf: { token: string; cookie: string };
};
/** A request, and for a server-action call the origin it may come from. */
type FuzzRequest = RawRequest & { actionFrom?: string };
type Build = (context: Context) => FuzzRequest;

// ---- pieces -------------------------------------------------------------------------------------

const NASTY = [
  "", " ", "\u0000", "\u0007", "\t", "\r\n", "\u202e", "\ufeff", "\ud800", "💥", "ﬀ", "é", "%", "%ZZ", "%E0%A4%A", "%25", "%00", "%2F..%2F",
  "../../etc/passwd", "null", "true", "0", "-1", "1e400", "NaN", "Infinity", "<script>alert(1)</script>", "'\"`", "\\", "a".repeat(600),
  "__proto__", "constructor", "toString", "[object Object]", "{}", "[]", "SELECT 1;--", "${x}", "{{x}}",
];
const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
);
const nastyNumber = fc.oneof(
  fc.constantFrom(1e20, -1e20, 2 ** 31, -(2 ** 31) - 1, 2 ** 31 - 1, 2 ** 53 + 2, 1.5, -0.5, 0, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 5e-324),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const scalar = fc.oneof(nastyNumber, nastyString, fc.boolean(), fc.constant(null));
const filterValue = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 6 }),
  fc.record({ start: scalar, end: scalar }, { requiredKeys: [] }),
  fc.dictionary(nastyString, scalar, { maxKeys: 3 }),
);
const FIELDS = [...new Set([ALERT_SPEC, ACTIVITY_SPEC, ENTITY_SPEC, SUBNET_SPEC].flatMap((spec) => Object.keys(spec.fields)))];
const SORT_FIELDS = [...new Set([ALERT_SPEC, ACTIVITY_SPEC, ENTITY_SPEC, SUBNET_SPEC].flatMap((spec) => Object.keys(spec.sortFields)))];
const filters = fc.dictionary(
  fc.oneof(fc.constantFrom(...FIELDS), nastyString),
  fc.oneof(fc.dictionary(fc.oneof(fc.constantFrom(...OPERATORS), nastyString), filterValue, { maxKeys: 3 }), scalar),
  { maxKeys: 4 },
);
const listBody = fc.record(
  {
    filters: fc.oneof({ weight: 4, arbitrary: filters }, { weight: 1, arbitrary: scalar }),
    skip: fc.oneof(fc.nat(50), nastyNumber, nastyString),
    limit: fc.oneof(fc.integer({ min: 1, max: 100 }), nastyNumber, nastyString),
    sortField: fc.oneof(fc.constantFrom(...SORT_FIELDS), nastyString),
    sortDirection: fc.oneof(fc.constantFrom("asc", "desc"), nastyString),
    extra: scalar,
  },
  { requiredKeys: [] },
);
const objectBody = fc.oneof(
  listBody,
  fc.record({ filters, comment: nastyString, reasonId: nastyNumber, sendFeedback: scalar }, { requiredKeys: [] }),
  fc.record({ feedback: fc.oneof(fc.constantFrom("legitimate", "malicious", "not_sure"), nastyString), comment: nastyString }, { requiredKeys: [] }),
  fc.record({ id: fc.oneof(nastyString, fc.record({ id: nastyString }), scalar) }, { requiredKeys: [] }),
  fc.record(
    {
      name: nastyString,
      category: fc.oneof(fc.integer({ min: 1, max: 6 }), nastyNumber, nastyString),
      subnets: fc.array(fc.oneof(fc.constantFrom("10.0.0.0/8", "::1/128", "300.1.1.1/33", "1.2.3.4/-1"), nastyString), { maxLength: 4 }),
      organization: fc.oneof(nastyString, fc.constant(null)),
      tags: fc.array(nastyString, { maxLength: 4 }),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue({ maxDepth: 4 }),
);
/** JSON text as a client might send it: well formed, with duplicate keys, truncated, deeply nested, or not JSON at all. */
const jsonText = fc.oneof(
  { weight: 6, arbitrary: objectBody.map((body) => JSON.stringify(body) ?? "null") },
  { weight: 1, arbitrary: fc.array(fc.tuple(fc.constantFrom("limit", "skip", "filters", "name", "feedback"), scalar), { minLength: 2, maxLength: 5 }).map((pairs) => `{${pairs.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(",")}}`) },
  { weight: 1, arbitrary: objectBody.map((body) => (JSON.stringify(body) ?? "").slice(0, -1)) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 20_000 }).map((depth) => "[".repeat(depth) + "]".repeat(depth)) },
  { weight: 1, arbitrary: nastyString },
  { weight: 1, arbitrary: fc.constantFrom('{"limit": 1e999}', '{"skip": -0}', '{"filters": {"severity": {"gt": 1e20}}}', '{"filters": {"threatScore": {"range": {"start": 9e18}}}}', "\ufeff{}", '{"a":"\\ud800"}') },
);
const CONTENT_TYPES = ["application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=fuzz", "multipart/form-data", "application/xml", "*/*", "", "application/json; charset=utf-16"];
const contentType = fc.oneof({ weight: 5, arbitrary: fc.constant("application/json") }, { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) });

/** Percent-encodes anything, lone surrogates included (encodeURIComponent refuses those). */
function encode(text: string): string {
  return [...text].map((char) => {
    try {
      return encodeURIComponent(char);
    } catch {
      return "%ED%A0%80";
    }
  }).join("");
}
/** A path segment in place of a real id or tenant: null keeps the real one; else an encoded nasty string or a malformed escape. */
const segmentOverride = fc.oneof(
  { weight: 5, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: nastyString.map(encode) },
  { weight: 1, arbitrary: fc.constantFrom("%ZZ", "%", "%E0%A4%A", "%25", "%2525", "%C0%AF", "%00", "..", "%2e%2e", "00000000-0000-4000-8000-000000000000") },
);
/** A query string with repeated, unknown, oversized and badly encoded parameters. */
const queryString = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom("skip", "limit", "sortField", "sortDirection", "filters", "format", "next", "callbackUrl"), nastyString.map(encode)),
      fc.oneof(
        jsonText.map(encode),
        fc.oneof(nastyNumber.map(String), nastyString).map(encode),
        fc.constantFrom("%ZZ", "%", "%E0%A4%A", "1e20", "-1", "99999999999999999999", "plain", "iptables", "squid"),
      ),
    ),
    { maxLength: 5 },
  )
  .map((pairs) => (pairs.length ? `?${pairs.map(([key, value]) => `${key}=${value}`).join("&")}` : ""));

/** Header values Node can send (it refuses control characters other than tab). */
const headerSafe = (text: string) => text.replace(/[^\t\x20-\x7e\x80-\xff]/g, "?");
const authorization = fc.oneof(
  { weight: 8, arbitrary: fc.nat(50).map((n) => (context: Context) => `Token ${context.adminTokens[n % context.adminTokens.length]}`) },
  { weight: 1, arbitrary: fc.constant((context: Context) => `Token ${context.readerToken}`) },
  { weight: 1, arbitrary: fc.constant((context: Context) => `Bearer ${context.appToken}`) },
  { weight: 1, arbitrary: fc.constant(() => `Token ${newTokenValue("API_TOKEN")}`) },
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        nastyString.map((text) => `Token ${text}`),
        nastyString.map((text) => `Bearer ${text}`),
        fc.constantFrom("Basic JUUwJUE0JUE6eA==", "Bearer e30.e30.", "Bearer eyJhbGciOiJub25lIn0.e30.", "Token", "Token a b", "Negotiate x", "bearer  ", "Token kpat_" + "A".repeat(49)),
        fc.string({ unit: "binary", maxLength: 30 }),
      )
      .map((value) => () => headerSafe(value)),
  },
  { weight: 1, arbitrary: fc.constant(null) },
);
const host = fc.oneof(
  { weight: 8, arbitrary: fc.constant(() => `localhost:${PORT}`) },
  { weight: 1, arbitrary: fc.constant((context: Context) => `${context.slug}.localhost:${PORT}`) },
  { weight: 1, arbitrary: fc.constantFrom("evil.example", "localhost:1", "[::1]", "a/b", "").map((value) => () => value) },
);
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"];

// ---- the API -------------------------------------------------------------------------------------

type Route = { methods: string[]; path: (id: string) => string; id?: keyof Context["ids"]; list?: boolean; body?: boolean };
const API_ROUTES: Route[] = [
  { methods: ["GET"], path: () => "/api/v1/whoami/" },
  { methods: ["GET", "POST"], path: () => "/api/v1/alerts/", list: true },
  { methods: ["GET"], id: "alert", path: (id) => `/api/v1/alerts/${id}/` },
  { methods: ["POST"], id: "alert", path: (id) => `/api/v1/alerts/${id}/read/` },
  { methods: ["POST"], id: "alert", path: (id) => `/api/v1/alerts/${id}/unread/` },
  ...["close_benign", "close_false_positive", "close_true_positive"].map((name) => ({ methods: ["POST"], path: () => `/api/v1/alerts/${name}/`, body: true })),
  { methods: ["GET", "POST"], path: () => "/api/v1/activities/", list: true },
  { methods: ["GET"], id: "activity", path: (id) => `/api/v1/activities/${id}/` },
  { methods: ["POST"], id: "activity", path: (id) => `/api/v1/activities/${id}/feedback/`, body: true },
  { methods: ["GET", "POST"], path: () => "/api/v1/entities/", list: true },
  { methods: ["GET"], id: "entity", path: (id) => `/api/v1/entities/${id}/` },
  { methods: ["POST"], path: () => "/api/v1/entities/tree/", body: true },
  { methods: ["GET", "POST"], path: () => "/api/v1/subnet/", list: true },
  { methods: ["POST"], path: () => "/api/v1/subnet/create_rule/", body: true },
  { methods: ["POST"], id: "subnet", path: (id) => `/api/v1/subnet/${id}/update_rule/`, body: true },
  { methods: ["DELETE"], id: "subnet", path: (id) => `/api/v1/subnet/${id}/` },
  { methods: ["GET"], path: () => "/api/v1/discovery/streams/", list: true },
  { methods: ["GET"], path: () => "/api/v1/discovery/categories/" },
  { methods: ["POST"], path: () => "/api/v1/discovery/upload/", body: true },
  { methods: ["GET"], path: () => "/api/v1/discovery/block_script/" },
  { methods: ["GET", "POST"], path: () => "/api/v1/no-such-endpoint/" },
];

const multipartBody = fc
  .record({
    file: fc.oneof(fc.constant("GET https://dropbox.com/upload 200\n"), nastyString, fc.constant("")),
    fileName: nastyString,
    stream: fc.oneof(fc.constant((c: Context) => c.ids.stream), nastyString.map((text) => () => text)),
    source: fc.oneof(fc.constantFrom("generic", "squid", "zscaler"), nastyString),
    broken: fc.boolean(),
  })
  .map(({ file, fileName, stream, source, broken }) => (context: Context) => {
    const parts = [
      `--fuzz\r\nContent-Disposition: form-data; name="file"; filename="${fileName.replace(/["\r\n]/g, "")}"\r\nContent-Type: text/plain\r\n\r\n${file}\r\n`,
      `--fuzz\r\nContent-Disposition: form-data; name="stream"\r\n\r\n${stream(context)}\r\n`,
      `--fuzz\r\nContent-Disposition: form-data; name="source"\r\n\r\n${source}\r\n`,
    ];
    const text = parts.join("") + "--fuzz--\r\n";
    return broken ? text.slice(0, Math.floor(text.length / 2)) : text;
  });

const apiRequest: fc.Arbitrary<Build> = fc
  .record({
    route: fc.constantFrom(...API_ROUTES),
    methodChoice: fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) }),
    pick: fc.nat(),
    idOverride: segmentOverride,
    query: queryString,
    json: jsonText,
    multipart: multipartBody,
    useMultipart: fc.boolean(),
    type: contentType,
    auth: authorization,
    host,
    oversized: fc.oneof({ weight: 30, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 256 * 1024 + 1, max: 600 * 1024 }) }),
    chunked: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  })
  .map((g) => (context: Context): RawRequest => {
    const method = g.methodChoice ?? g.route.methods[g.pick % g.route.methods.length];
    const id = g.idOverride ?? (g.route.id ? context.ids[g.route.id] : "");
    const path = g.route.path(id) + (method === "GET" || g.route.list ? g.query : "");
    const headers: Record<string, string> = { host: g.host(context) };
    const auth = g.auth?.(context);
    if (auth) headers.authorization = auth;
    let body: string | undefined;
    if (method !== "GET" && method !== "HEAD") {
      const upload = g.route.path("").includes("/upload/") && g.useMultipart;
      body = g.oversized ? `{"filters": {}, "pad": "${"x".repeat(g.oversized)}"}` : upload ? g.multipart(context) : g.json;
      headers["content-type"] = upload ? "multipart/form-data; boundary=fuzz" : g.type;
      if (g.chunked) headers["transfer-encoding"] = "chunked";
    }
    return { method, path, headers, body };
  });

// ---- OAuth ---------------------------------------------------------------------------------------

const OAUTH_PATHS = ["/oauth2/v2.0/token", "/oauth2/token", "/v2.0/.well-known/openid-configuration", "/.well-known/openid-configuration", "/discovery/v2.0/keys", "/discovery/keys"];
const formField = fc.oneof(
  fc.constant((c: Context) => ["grant_type", "client_credentials"]),
  fc.constant((c: Context) => ["client_id", c.clientId]),
  fc.constant((c: Context) => ["client_secret", c.clientSecret]),
  fc.constant(() => ["scope", `${RESOURCE}/.default`]),
  fc.constant(() => ["resource", RESOURCE]),
  fc.tuple(fc.constantFrom("grant_type", "client_id", "client_secret", "scope", "resource", "assertion"), nastyString).map((pair) => () => pair),
  fc.tuple(nastyString, nastyString).map((pair) => () => pair),
);
const oauthRequest: fc.Arbitrary<Build> = fc
  .record({
    tenant: segmentOverride,
    slugOrCommon: fc.constantFrom("id", "slug", "common"),
    path: fc.constantFrom(...OAUTH_PATHS),
    method: fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) }),
    fields: fc.array(formField, { maxLength: 8 }),
    rawForm: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.oneof(nastyString, jsonText, fc.constantFrom("%ZZ=%ZZ", "a=%E0%A4%A&a=1&a=2", "&&&==&")) }),
    type: fc.oneof({ weight: 5, arbitrary: fc.constant("application/x-www-form-urlencoded") }, { weight: 1, arbitrary: fc.constantFrom(...CONTENT_TYPES) }),
    basic: fc.oneof(
      { weight: 5, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constant((c: Context) => `Basic ${Buffer.from(`${encodeURIComponent(c.clientId)}:${encodeURIComponent(c.clientSecret)}`).toString("base64")}`) },
      { weight: 1, arbitrary: fc.oneof(nastyString.map((text) => `Basic ${Buffer.from(text).toString("base64")}`), fc.constantFrom("Basic JUUwJUE0JUE6eA==", "Basic ", "Basic !!!")).map((value) => () => headerSafe(value)) },
    ),
    host,
    oversized: fc.oneof({ weight: 30, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 16 * 1024 + 1, max: 200 * 1024 }) }),
  })
  .map((g) => (context: Context): RawRequest => {
    const isToken = g.path.includes("/token");
    const method = g.method ?? (isToken ? "POST" : "GET");
    const tenant = g.tenant ?? (g.slugOrCommon === "slug" ? context.slug : g.slugOrCommon === "common" ? "common" : context.tenantId);
    const headers: Record<string, string> = { host: g.host(context), "content-type": g.type };
    const basic = g.basic?.(context);
    if (basic) headers.authorization = basic;
    const form = g.rawForm ?? g.fields.map((field) => field(context).map(encode).join("=")).join("&");
    const body = method === "GET" || method === "HEAD" ? undefined : g.oversized ? `grant_type=client_credentials&pad=${"x".repeat(g.oversized)}` : form;
    return { method, path: `/${tenant}${g.path}`, headers, body };
  });

// ---- the sign-in form ----------------------------------------------------------------------------

const signInRequest: fc.Arbitrary<Build> = fc.oneof(
  // The sign-in page, with whatever `next`, `error` or `callbackUrl` it is sent to.
  queryString.map((query) => () => ({ path: `/signin${query}` })),
  // next-auth's credentials form, without a valid CSRF token: parsed and refused, never a password check.
  fc
    .record({
      fields: fc.array(fc.tuple(fc.constantFrom("csrfToken", "email", "password", "json", "callbackUrl", "redirect"), fc.oneof(nastyString, fc.constantFrom("true", "admin@contoso.test", "/settings", "http://evil.example"))), { maxLength: 7 }),
      raw: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.oneof(nastyString, jsonText, fc.constant("%ZZ=%E0%A4%A")) }),
      type: fc.oneof({ weight: 4, arbitrary: fc.constant("application/x-www-form-urlencoded") }, { weight: 1, arbitrary: fc.constantFrom(...CONTENT_TYPES) }),
      path: fc.constantFrom("/api/auth/callback/credentials", "/api/auth/signin/credentials", "/api/auth/signout", "/api/auth/session", "/api/auth/_log"),
    })
    .map((g) => () => ({
      method: "POST",
      path: g.path,
      headers: { "content-type": g.type },
      body: g.raw ?? g.fields.map(([key, value]) => `${key}=${encode(value)}`).join("&"),
    })),
  // next-auth's GET endpoints, with odd queries and methods.
  fc
    .record({ path: fc.constantFrom("/api/auth/csrf", "/api/auth/session", "/api/auth/providers", "/api/auth/signin", "/api/auth/error", "/api/auth/unknown"), query: queryString, method: fc.constantFrom("GET", "GET", "HEAD", "PUT", "DELETE") })
    .map((g) => () => ({ method: g.method, path: g.path + g.query })),
  // A form posted to the sign-in page itself: a server action with a garbled or foreign body.
  fc
    .record({ body: fc.oneof(nastyString, jsonText, multipartBody.map((build) => build)), type: fc.constantFrom(...CONTENT_TYPES), action: fc.oneof(fc.constant(null), fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 42, maxLength: 42 }), nastyString.map(headerSafe)) })
    .map((g) => (context: Context) => ({
      method: "POST",
      path: "/signin",
      headers: { "content-type": g.type, ...(g.action !== null ? { "next-action": g.action } : {}) },
      body: typeof g.body === "function" ? g.body(context) : g.body,
    })),
);

// ---- server actions --------------------------------------------------------------------------------

const ACTION_PAGES = ["/settings/api-tokens", "/settings/users", "/settings/webhooks", "/settings/app-registrations", "/settings/token-policy", "/settings/account", "/alerts", "/signin", "/", "/no-such-page", "/favicon.ico", "/api/v1/%2e%2e/x"];
/** Origins: the request's own, none, other sites, and strings that start like the own one. */
const actionOrigin = fc.oneof(
  { weight: 4, arbitrary: fc.constant((c: Context) => c.ownOrigin as string | null) },
  { weight: 1, arbitrary: fc.constant(() => null) },
  { weight: 3, arbitrary: fc.constantFrom("null", "http://evil.example", "https://evil.example", "", "http://localhost", "http://127.0.0.1", "file://").map((value) => () => value) },
  { weight: 3, arbitrary: fc.constantFrom(".evil.example", "@evil.example", "/", ":80", "0", "%2e", "#", "?x", ".").map((suffix) => (c: Context) => c.ownOrigin + suffix) },
  { weight: 1, arbitrary: fc.constantFrom("https", "upper", "tenant").map((how) => (c: Context) => (how === "https" ? c.ownOrigin.replace("http:", "https:") : how === "upper" ? c.ownOrigin.toUpperCase() : c.tenantOrigin)) },
  { weight: 1, arbitrary: nastyString.map((text) => () => headerSafe(text)) },
);
const actionId = fc.oneof(
  { weight: 5, arbitrary: fc.nat().map((n) => (c: Context) => c.actionIds[n % c.actionIds.length]) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 42, maxLength: 42 }).map((id) => () => id) },
  { weight: 1, arbitrary: fc.oneof(nastyString, fc.constantFrom("", "7f", "x".repeat(500))).map((id) => () => headerSafe(id)) },
);
/** Strings React's reply format reads as references or special values, valid or not. */
const replyString = fc.oneof(
  fc.constantFrom("$", "$$", "$$x", "$1", "$Q1", "$W1", "$@1", "$K1", "$B1", "$F1", "$h1", "$i1", "$R1", "$A1", "$T", "$n", "$n1x", "$n" + "9".repeat(400), "$D", "$Dxx", "$undefined", "$0", "$0:0", "$0:zz", "$-", "$Z", "${x}"),
  fc.string({ maxLength: 6 }).map((text) => `$${text}`),
);
const actionArguments = fc.array(
  fc.oneof(objectBody, scalar, replyString, fc.record({ tokenId: fc.oneof(nastyString, replyString), name: fc.oneof(nastyString, replyString), scopes: fc.array(fc.oneof(nastyString, replyString), { maxLength: 3 }) }, { requiredKeys: [] })),
  { maxLength: 4 },
);
const actionText = fc.oneof(
  { weight: 5, arbitrary: actionArguments.map((args) => JSON.stringify(args)) },
  { weight: 2, arbitrary: jsonText },
  { weight: 1, arbitrary: fc.constantFrom("", "5", "null", '"x"', "{}", "[", "[{}", "\u0000", "[]".repeat(3)) },
);
const actionForm = fc
  .record({
    parts: fc.array(
      fc.tuple(
        fc.oneof(fc.constantFrom("0", "0", "1", "2", "a", "$ACTION_ID_7f", "$ACTION_REF_1", "$ACTION_1:0", "$ACTION_KEY"), nastyString.map((name) => name.replace(/["\r\n]/g, ""))),
        fc.oneof(actionText, nastyString),
        fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      ),
      { maxLength: 5 },
    ),
    broken: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  })
  .map(({ parts, broken }) => {
    const text = parts.map(([name, value, file]) => `--fuzz\r\nContent-Disposition: form-data; name="${name}"${file ? '; filename="f.txt"' : ""}\r\n\r\n${value}\r\n`).join("") + "--fuzz--\r\n";
    return broken ? text.slice(0, Math.floor(text.length / 2)) : text;
  });
const actionRequest: fc.Arbitrary<Build> = fc
  .record({
    path: fc.constantFrom(...ACTION_PAGES),
    id: fc.oneof({ weight: 8, arbitrary: actionId }, { weight: 1, arbitrary: fc.constant(null) }),
    origin: actionOrigin,
    multipart: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    text: actionText,
    form: actionForm,
    type: fc.oneof({ weight: 5, arbitrary: fc.constant("text/plain;charset=UTF-8") }, { weight: 1, arbitrary: fc.constantFrom(...CONTENT_TYPES) }),
    session: fc.constantFrom("admin", "reader", "none"),
    tenantHost: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  })
  .map((g) => (context: Context): FuzzRequest => {
    const headers: Record<string, string> = {};
    if (g.tenantHost) headers.host = `${context.slug}.localhost:${PORT}`;
    const id = g.id?.(context);
    if (id !== undefined) headers["next-action"] = id;
    const origin = g.origin(context);
    if (origin !== null) headers.origin = origin;
    if (g.session !== "none") headers.cookie = context.cookies[g.session as "admin" | "reader"];
    headers["content-type"] = g.multipart ? "multipart/form-data; boundary=fuzz" : g.type;
    return { method: "POST", path: g.path, headers, body: g.multipart ? g.form : g.text, actionFrom: g.tenantHost ? context.tenantOrigin : context.ownOrigin };
  });

// ---- next-auth's endpoints -------------------------------------------------------------------------

const CONTROL = ["%00", "%01", "%07", "%09", "%0A", "%0D", "%0D%0A", "%1B", "%1F", "%7F", "%C2%85", "%E2%80%A8", "%E2%80%AE", "%EF%BB%BF", "%FF", "%C0%80", "%ED%A0%80", "%F0%9F%92%A5", "%C3%A9", "%25", "%", "+", "%20"];
const controlText = fc
  .array(fc.oneof(fc.constantFrom(...CONTROL), fc.constantFrom("a", "Configuration", "CredentialsSignin", "/settings", "http://evil.example", "//evil.example", "/api/auth/error", "javascript:x")), { minLength: 1, maxLength: 4 })
  .map((pieces) => pieces.join(""));
const authQuery = fc
  .array(fc.tuple(fc.constantFrom("error", "error", "callbackUrl", "csrf", "next", "json", "redirect", "provider", "error[]"), controlText), { maxLength: 3 })
  .map((pairs) => (pairs.length ? `?${pairs.map(([key, value]) => `${key}=${value}`).join("&")}` : ""));
const AUTH_PATHS = ["/api/auth/error", "/api/auth/signin", "/api/auth/signin/credentials", "/api/auth/callback/credentials", "/api/auth/csrf", "/api/auth/session", "/api/auth/providers", "/api/auth/signout", "/api/auth/_log", "/api/auth/verify-request", "/api/auth/callback/github", "/api/auth/error/x", "/api/auth", "/api/auth/"];
const authPath = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...AUTH_PATHS) },
  { weight: 1, arbitrary: fc.array(fc.oneof(nastyString.map(encode), fc.constantFrom(...CONTROL)), { minLength: 1, maxLength: 3 }).map((segments) => `/api/auth/${segments.join("/")}`) },
);
/** Never a matching token and cookie: a fuzzed credentials form must not reach the password check (and the sign-in throttle). */
const badCsrf = fc.constantFrom("none", "token-only", "cookie-only", "garbage", "swapped");
const authRequest: fc.Arbitrary<Build> = fc
  .record({
    path: authPath,
    query: authQuery,
    method: fc.constantFrom("GET", "GET", "POST", "POST", "HEAD", "PUT"),
    csrf: badCsrf,
    fields: fc.array(fc.tuple(fc.constantFrom("email", "password", "callbackUrl", "json", "redirect", "csrfToken"), fc.oneof(controlText, nastyString.map(encode))), { maxLength: 5 }),
    session: fc.constantFrom("admin", "reader", "none"),
    type: fc.oneof({ weight: 4, arbitrary: fc.constant("application/x-www-form-urlencoded") }, { weight: 1, arbitrary: fc.constantFrom(...CONTENT_TYPES) }),
  })
  .map((g) => (context: Context): FuzzRequest => {
    const cookies: string[] = g.session === "none" ? [] : [context.cookies[g.session as "admin" | "reader"]];
    const fields = [...g.fields.map(([key, value]) => `${key}=${value}`)];
    if (g.csrf === "token-only") fields.push(`csrfToken=${encodeURIComponent(context.csrf.token)}`);
    if (g.csrf === "cookie-only") cookies.push(context.csrf.cookie);
    if (g.csrf === "garbage") cookies.push("next-auth.csrf-token=%00%7C%FF");
    if (g.csrf === "swapped") {
      cookies.push(context.csrf.cookie.replace(/=([0-9a-f])/, (_, digit: string) => `=${digit === "0" ? "1" : "0"}`));
      fields.push(`csrfToken=${encodeURIComponent(context.csrf.token)}`);
    }
    const headers: Record<string, string> = {};
    if (cookies.length) headers.cookie = cookies.join("; ");
    const hasBody = g.method === "POST" || g.method === "PUT";
    if (hasBody) headers["content-type"] = g.type;
    return { method: g.method, path: g.path + g.query, headers, body: hasBody ? fields.join("&") : undefined };
  });

const anyRequest = fc.oneof(
  { weight: 12, arbitrary: apiRequest },
  { weight: 5, arbitrary: oauthRequest },
  { weight: 3, arbitrary: signInRequest },
  { weight: 5, arbitrary: actionRequest },
  { weight: 3, arbitrary: authRequest },
);

// ---- the run -------------------------------------------------------------------------------------

/** What may answer a request for a page (not /api/): a page, a JSON error, React's payload for an action, or nothing. */
const PAGE_TYPES = /^(text\/html|application\/json|text\/x-component)\b/;

function problemWith(request: FuzzRequest, response: RawResponse): string | null {
  if (response.status >= 500) return `answered ${response.status}`;
  if (response.ms > DEADLINE_MS) return `answered after ${response.ms} ms`;
  let path = request.path.split("?")[0];
  try {
    path = decodeURIComponent(path);
  } catch {
    // malformed: judged by its raw form
  }
  const noBody = request.method === "HEAD" || response.status === 204 || response.status === 304 || (response.status >= 300 && response.status < 400);
  // A block script is a text file by design; its refusals are JSON like every other.
  const script = /^\/api\/v1\/discovery\/block_script\/?$/.test(path) && response.status < 300;
  if (path.startsWith("/api/") && !noBody && !script) {
    if (!String(response.headers["content-type"]).includes("application/json")) return `answered ${response.status} with ${response.headers["content-type"]}: ${response.text.slice(0, 120)}`;
    if (response.json === undefined) return `answered ${response.status} with a body that is not JSON: ${response.text.slice(0, 120)}`;
  }
  if (request.actionFrom !== undefined) {
    if (!noBody && !PAGE_TYPES.test(String(response.headers["content-type"]))) return `answered an action with ${response.headers["content-type"]}: ${response.text.slice(0, 120)}`;
    if (response.status >= 400 && String(response.headers["content-type"]).includes("application/json") && response.json === undefined) return `answered an action with a body that is not JSON: ${response.text.slice(0, 120)}`;
    // Node trims a header value's surrounding whitespace, as the server reads it.
    const origin = request.headers?.origin?.trim();
    const isAction = request.headers?.["next-action"] !== undefined || /^multipart\/form-data/i.test(request.headers?.["content-type"] ?? "");
    if (isAction && origin !== undefined && origin !== request.actionFrom && ![403, 405, 411, 413].includes(response.status)) {
      return `answered an action from ${JSON.stringify(origin)} with ${response.status}, not 403: ${response.text.slice(0, 120)}`;
    }
  }
  return null;
}

async function csrfPair(): Promise<Context["csrf"]> {
  const answer = await send({ path: "/api/auth/csrf" });
  const cookie = (answer.headers["set-cookie"] ?? []).map((line) => line.split(";")[0]).find((pair) => pair.includes("csrf-token"));
  if (!cookie) throw new Error("next-auth set no CSRF cookie");
  return { token: answer.json.csrfToken, cookie };
}

function describeRequest(request: RawRequest): string {
  const body = request.body === undefined ? "" : ` body(${Buffer.byteLength(request.body)}B)=${JSON.stringify(String(request.body).slice(0, 160))}`;
  return `${request.method ?? "GET"} ${request.path.slice(0, 200)} headers=${JSON.stringify(request.headers)}${body}`;
}

test("fuzzed API, OAuth and sign-in requests never get a 5xx, a non-JSON answer under /api/, or a hang", async ({ tenant }) => {
  test.setTimeout(150_000);
  const ids = await resourceIdsOf(tenant.id);
  const app = await setUpApp({ id: tenant.admin.id, tenantId: tenant.id }, ["Investigation.read", "Investigation.manage", "Discovery.read", "Discovery.manage", "Settings.read", "Settings.manage"]);
  // Several tokens, so the per-credential rate limit does not stop the fuzzing short of the handlers.
  const adminTokens = await Promise.all(Array.from({ length: 12 }, (_, i) => generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: `fuzz ${i}` })));
  const context: Context = {
    tenantId: tenant.id,
    slug: tenant.slug,
    ids: { alert: ids.alertId, activity: ids.activityId, entity: ids.userEntityId, subnet: ids.subnetId, stream: ids.streamId },
    adminTokens: adminTokens.map((token) => token.value),
    readerToken: (await generateToken({ tenantId: tenant.id, userId: tenant.reader.id, kind: "API_TOKEN", name: "fuzz reader" })).value,
    appToken: await v2Token(tenant.id, app.clientId, app.clientSecret),
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    ownOrigin: `http://localhost:${PORT}`,
    tenantOrigin: `http://${tenant.slug}.localhost:${PORT}`,
    actionIds: [],
    cookies: { admin: await signInOverHttp(tenant.admin.email, FIXTURE_PASSWORD), reader: await signInOverHttp(tenant.reader.email, FIXTURE_PASSWORD) },
    csrf: await csrfPair(),
  };
  context.actionIds = await actionIdsOfPages(context.cookies.admin, ACTION_PAGES.slice(0, 7));
  expect(context.actionIds.length, "action ids named by the pages' scripts").toBeGreaterThanOrEqual(5);

  const builds = fc.sample(anyRequest, { seed: SEED, numRuns: RUNS });
  console.log(`fuzz: seed ${SEED}, ${builds.length} requests (replay with KEYPORT_FUZZ_SEED=${SEED})`);
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const started = Date.now();
  const worker = async () => {
    while (next < builds.length) {
      const index = next++;
      let request: FuzzRequest;
      try {
        request = builds[index](context);
      } catch (error) {
        failures.push(`#${index}: could not build the request: ${String(error)}`);
        continue;
      }
      try {
        const response = await send({ ...request, timeoutMs: DEADLINE_MS });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const problem = problemWith(request, response);
        if (problem) failures.push(`#${index} ${problem}\n    ${describeRequest(request)}`);
      } catch (error) {
        failures.push(`#${index} failed: ${String(error)}\n    ${describeRequest(request)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const summary = [...statuses.entries()].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(" ");
  console.log(`fuzz: seed ${SEED}, ${builds.length} requests in ${Date.now() - started} ms, ${failures.length} problem(s); statuses ${summary}`);
  for (const failure of failures.slice(0, 40)) console.log(`fuzz problem ${failure}`);
  expect(builds.length).toBeGreaterThanOrEqual(2000);
  expect(failures.slice(0, 15), `seed ${SEED}: ${failures.length} problem(s)`).toEqual([]);
});
