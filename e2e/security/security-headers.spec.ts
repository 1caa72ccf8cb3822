// Every answer carries the security headers: pages a strict Content-Security-Policy whose per-request
// nonce is on each of Next's scripts (and nothing else runs), framing forbidden, nosniff, a
// Referrer-Policy and a Permissions-Policy; API and OAuth answers `Cache-Control: no-store`, on
// success and error alike. The pages still hydrate and work under that policy.
import { generateToken } from "@/lib/tokens/generate-token";
import { expect, FIXTURE_PASSWORD, gotoReady, test } from "../support/fixtures";
import { RESOURCE, setUpApp } from "../support/oauth";
import { send } from "./support/raw-http";

function expectBaseHeaders(headers: Record<string, unknown>, label: string) {
  expect(headers["x-content-type-options"], label).toBe("nosniff");
  expect(headers["x-frame-options"], label).toBe("DENY");
  expect(headers["referrer-policy"], label).toBe("same-origin");
  expect(String(headers["permissions-policy"]), label).toContain("camera=()");
  // Served over plain HTTP here: no HSTS (it is sent only when KEYPORT_PUBLIC_URL is https).
  expect(headers["strict-transport-security"], label).toBeUndefined();
}

test("pages answer with a strict CSP whose fresh nonce is on every script, and cannot be framed", async () => {
  const nonces = new Set<string>();
  for (const path of ["/signin", "/signin?next=/settings/users", "/no-such-page"]) {
    const response = await send({ path });
    expectBaseHeaders(response.headers, path);
    const policy = String(response.headers["content-security-policy"]);
    expect(policy, path).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain("unsafe-inline");
    expect(policy).not.toContain("unsafe-eval");
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce, path).toBeTruthy();
    nonces.add(nonce!);
    const scripts = [...response.text.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const script of scripts) expect(script, path).toContain(`nonce="${nonce}"`);
    // Styles come from the stylesheet file; an inline <style> would need the nonce too.
    for (const style of response.text.matchAll(/<style\b[^>]*>/g)) expect(style[0]).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size).toBe(3);
});

test("a page load that declares an empty body (Content-Length: 0) still gets its nonce on every script", async () => {
  // Decided by the method: a GET is a page load whatever its headers say about a body.
  for (const path of ["/signin", "/signin?next=/settings/users"]) {
    const label = path;
    const response = await send({ path, headers: { "content-length": "0" }, body: "" });
    expect(response.status, label).toBe(200);
    const nonce = /'nonce-([^']+)'/.exec(String(response.headers["content-security-policy"]))?.[1];
    expect(nonce, label).toBeTruthy();
    const scripts = [...response.text.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length, label).toBeGreaterThan(0);
    for (const script of scripts) expect(script, label).toContain(`nonce="${nonce}"`);
  }
});

test("API and OAuth answers are never stored, on success and on error", async ({ tenant }) => {
  const token = await generateToken({ tenantId: tenant.id, userId: tenant.reader.id, kind: "API_TOKEN", name: "headers" });
  const app = await setUpApp({ id: tenant.admin.id, tenantId: tenant.id }, ["Investigation.read"]);
  const form = new URLSearchParams({ grant_type: "client_credentials", client_id: app.clientId, client_secret: app.clientSecret, scope: `${RESOURCE}/.default` }).toString();
  const answers = {
    "API success": await send({ path: "/api/v1/whoami/", headers: { authorization: `Token ${token.value}` } }),
    "API list": await send({ path: "/api/v1/alerts/?limit=1", headers: { authorization: `Token ${token.value}` } }),
    "API 401": await send({ path: "/api/v1/whoami/" }),
    "API 404": await send({ path: "/api/v1/nothing-here/", headers: { authorization: `Token ${token.value}` } }),
    "API 405": await send({ method: "PUT", path: "/api/v1/alerts/", headers: { authorization: `Token ${token.value}` } }),
    "token success": await send({ method: "POST", path: `/${tenant.id}/oauth2/v2.0/token`, headers: { "content-type": "application/x-www-form-urlencoded" }, body: form }),
    "token error": await send({ method: "POST", path: `/${tenant.id}/oauth2/v2.0/token`, headers: { "content-type": "application/x-www-form-urlencoded" }, body: "grant_type=password" }),
    metadata: await send({ path: `/${tenant.id}/v2.0/.well-known/openid-configuration` }),
    keys: await send({ path: `/${tenant.id}/discovery/v2.0/keys` }),
    "metadata 404": await send({ path: "/00000000-0000-4000-8000-000000000000/v2.0/.well-known/openid-configuration" }),
    "next-auth session": await send({ path: "/api/auth/session" }),
  };
  for (const [label, response] of Object.entries(answers)) {
    expect(response.headers["cache-control"], label).toBe("no-store");
    expectBaseHeaders(response.headers, label);
    expect(String(response.headers["content-security-policy"]), label).toContain("frame-ancestors 'none'");
  }
  expect(answers["API success"].status).toBe(200);
  expect(answers["token success"].status).toBe(200);
});

test("under the policy the pages hydrate and work: sign in, open the token dialog, nothing is blocked", async ({ page, tenant }) => {
  const violations: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const store = window as unknown as { __cspViolations?: string[] };
      (store.__cspViolations ??= []).push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  const collect = async () => violations.push(...((await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])) as string[]));

  await gotoReady(page, "/signin");
  await collect();
  await page.getByRole("textbox", { name: "Email" }).fill(tenant.admin.email);
  await page.getByRole("textbox", { name: "Password" }).fill(FIXTURE_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/api-tokens$/);
  await page.locator("html[data-hydrated]").waitFor();
  await page.getByRole("button", { name: /generate new token/i }).first().click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await collect();
  await gotoReady(page, "/no-such-page");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await collect();
  expect(violations).toEqual([]);
});
