// Malformed input at the edge is a 4xx JSON answer, never Next's own 500 or HTML page: bad
// percent-encoding anywhere in a path, escapes that decode to '%' (never decoded twice), broken Basic
// credentials, garbled form and server-action bodies, unknown methods and paths under /api/.
import fs from "node:fs";
import path from "node:path";
import { generateToken } from "@/lib/tokens/generate-token";
import { expect, test } from "../support/fixtures";
import { send } from "./support/raw-http";

function expectJsonError(response: { status: number; headers: Record<string, unknown>; text: string }, label: string) {
  expect(response.status, `${label}: ${response.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect(response.status, `${label}: ${response.text.slice(0, 200)}`).toBeLessThan(500);
  expect(String(response.headers["content-type"]), label).toContain("application/json");
  expect(() => JSON.parse(response.text), label).not.toThrow();
}

test("%ZZ in any dynamic segment, API, OAuth or page, is a 400 JSON answer", async ({ tenant }) => {
  const token = await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: "encoding" });
  const headers = { authorization: `Token ${token.value}` };
  const paths: [string, string][] = [
    ["GET", "/api/v1/alerts/%ZZ/"],
    ["POST", "/api/v1/alerts/%ZZ/read/"],
    ["GET", "/api/v1/activities/%E0%A4%A/"],
    ["POST", "/api/v1/activities/%ZZ/feedback/"],
    ["GET", "/api/v1/entities/%/"],
    ["DELETE", "/api/v1/subnet/%ZZ/"],
    ["POST", "/api/v1/subnet/%ZZ/update_rule/"],
    ["POST", "/%ZZ/oauth2/v2.0/token"],
    ["GET", "/%ZZ/discovery/v2.0/keys"],
    ["GET", "/%ZZ/v2.0/.well-known/openid-configuration"],
    ["GET", "/settings/app-registrations/%ZZ"],
    ["GET", "/%ZZ/adminconsent"],
  ];
  for (const [method, path] of paths) {
    const response = await send({ method, path, headers, body: method === "GET" || method === "DELETE" ? undefined : "{}" });
    expectJsonError(response, `${method} ${path}`);
    expect(response.status).toBe(400);
  }
});

test("escapes that decode to '%' are decoded once: an unknown tenant or id, answered in JSON", async ({ tenant }) => {
  for (const [method, path] of [
    ["GET", "/%25E0/v2.0/.well-known/openid-configuration"],
    ["GET", "/%25/discovery/keys"],
    ["POST", "/%25/oauth2/v2.0/token"],
    ["POST", "/%25E0%25A4%25A/oauth2/token"],
  ]) {
    const response = await send({ method, path, headers: { "content-type": "application/x-www-form-urlencoded" }, body: method === "POST" ? "grant_type=client_credentials" : undefined });
    expectJsonError(response, `${method} ${path}`);
  }
  // Next decodes a path segment once; decoding it again would let '%2563' name 'c'.
  const slug = tenant.slug;
  const once = `/%${slug.charCodeAt(0).toString(16)}${slug.slice(1)}/v2.0/.well-known/openid-configuration`;
  const twice = `/%25${slug.charCodeAt(0).toString(16)}${slug.slice(1)}/v2.0/.well-known/openid-configuration`;
  expect((await send({ path: once })).status).toBe(200);
  expect((await send({ path: twice })).status).toBe(404);

  const token = await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: "percent" });
  const unknown = await send({ path: "/api/v1/alerts/%25E0/", headers: { authorization: `Token ${token.value}` } });
  expectJsonError(unknown, "alert %25E0");
  expect(unknown.status).toBe(404);
});

test("Basic credentials whose parts are malformed escapes are a 401 JSON answer", async ({ tenant }) => {
  const form = `grant_type=client_credentials&scope=${encodeURIComponent("05a65629-4c1b-48c1-a78b-804c4abdd4af/.default")}`;
  for (const basic of ["JUUwJUE0JUE6eA==", Buffer.from("%ZZ:%ZZ").toString("base64"), "!!!not-base64", Buffer.from("no-colon").toString("base64")]) {
    const response = await send({
      method: "POST",
      path: `/${tenant.id}/oauth2/v2.0/token`,
      headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
      body: form,
    });
    expectJsonError(response, basic);
    expect(response.status).toBe(401);
    expect(response.json.error).toBe("invalid_client");
    const api = await send({ path: "/api/v1/whoami/", headers: { authorization: `Basic ${basic}` } });
    expectJsonError(api, `api ${basic}`);
    expect(api.status).toBe(401);
  }
});

test("a garbled multipart POST to the sign-in page, or a garbled server-action payload, is a 400 JSON answer", async () => {
  const garbage: [string, Record<string, string>, string][] = [
    ["/signin", { "content-type": "multipart/form-data; boundary=xyz" }, "garbage"],
    ["/signin", { "content-type": "multipart/form-data" }, "--x\r\nContent-Disposition: form-data\r\n\r\n"],
    ["/settings/api-tokens", { "content-type": "multipart/form-data; boundary=--" }, "\u0000\u0001\u0002"],
  ];
  // A real server action's id, from the build: with it Next reaches its payload decoding.
  const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../.next/server/server-reference-manifest.json"), "utf8"));
  const actionId = Object.keys(manifest.node)[0];
  garbage.push(["/settings/api-tokens", { "next-action": actionId, "content-type": "text/plain;charset=UTF-8" }, "garbage{"]);
  garbage.push(["/settings/api-tokens", { "next-action": actionId, "content-type": "multipart/form-data; boundary=xyz" }, "garbage"]);
  for (const [path, headers, body] of garbage) {
    const response = await send({ method: "POST", path, headers, body });
    expectJsonError(response, `${path} ${JSON.stringify(headers)}`);
    expect(response.status).toBe(400);
  }
});

test("unknown paths and methods under /api/, and next-auth actions the portal does not use, answer JSON", async () => {
  for (const [method, path] of [
    ["GET", "/api"],
    ["GET", "/api/x"],
    ["TRACE", "/api/v1/alerts/"],
    ["GET", "/api/auth/callback/credentials"],
    ["GET", "/api/auth/signout"],
    ["GET", "/api/auth/verify-request"],
    ["POST", "/api/auth/csrf"],
    ["POST", "/api/auth/session"],
    ["GET", "/api/auth/providers?callbackUrl=squid"],
    ["GET", "/api/auth/session?callbackUrl=1459323547"],
  ]) {
    const response = await send({ method, path, headers: { "content-type": "application/x-www-form-urlencoded" }, body: method === "POST" ? "a=%ZZ" : undefined });
    expectJsonError(response, `${method} ${path}`);
  }
  // next-auth serves GET and POST only.
  expect((await send({ method: "HEAD", path: "/api/auth/signin" })).status).toBe(405);
  const tokenGet = await send({ path: "/contoso/oauth2/v2.0/token" });
  expectJsonError(tokenGet, "GET token");
  expect(tokenGet.json.error).toBe("invalid_request");
});

test("a URL over 8 KB is a 414 JSON answer, and a redirect of a long URL fits what an HTTP client reads", async ({ tenant }) => {
  const token = await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: "long URL" });
  const headers = { authorization: `Token ${token.value}` };
  // Multi-byte characters percent-encoded, as a fuzzer found them: each is twelve characters of URL.
  const longQuery = (length: number) => `?q=${encodeURIComponent("\u{1F511}".repeat(Math.ceil(length / 12))).slice(0, length - 3)}`.replace(/%[0-9A-F]?$/, "");
  for (const path of ["/api/v1/alerts/", "/api/v1/alerts//", "/contoso/oauth2/v2.0/token", "/settings/api-tokens"]) {
    const response = await send({ path: `${path}${longQuery(9_000)}`, headers });
    expectJsonError(response, `${path} with a 9 KB query`);
    expect(response.status).toBe(414);
    if (path.startsWith("/api/")) expect(response.json.error.code).toBe("uri_too_long");
  }

  // Just under the limit, a path with "//" is redirected once: Location carries the URL, and no Refresh
  // header repeats it (the two together were more than Node's client reads, which failed the request).
  const redirected = await send({ path: `/api/v1/alerts//${longQuery(8_000)}`, headers });
  expect(redirected.status).toBe(308);
  expect(String(redirected.headers.location)).toContain("/api/v1/alerts/?q=");
  expect(redirected.headers.refresh).toBeUndefined();
  expect((await send({ path: `/api/v1/alerts/${longQuery(8_000)}`, headers })).status).toBe(200);
});
