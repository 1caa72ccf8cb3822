// The API described: an integrator fetches the OpenAPI document without a credential, a script written
// against the types made from it works (every answer it gets is checked against the document by
// callApi), an answer that drifts from its schema fails the check, and people read the reference at
// /docs/api, served by Keyport itself, from the Help menu.
import { generateToken } from "@/lib/tokens/generate-token";
import { resourceIdsOf } from "../support/e2e-data";
import { callApi } from "../support/api-client";
import { DEMO_PASSWORD, expect, gotoReady, signInContext, test } from "../support/fixtures";
import { openApiMismatches } from "../support/openapi-check";
import { typedApi } from "../support/typed-api";

test("an integrator fetches the OpenAPI 3.1 document without a credential, with its security schemes and scopes", async () => {
  for (const path of ["/api/v1/openapi.json", "/api/v1/openapi.json/"]) {
    const response = await callApi(path);
    expect(response.status, path).toBe(200);
    expect(response.headers["content-type"]).toMatch(/application\/json/);
    expect(response.json.openapi).toBe("3.1.0");
  }
  const document = (await callApi("/api/v1/openapi.json")).json;
  expect(Object.keys(document.components.securitySchemes).sort()).toEqual(["Bearer", "Token"]);
  expect(document.components.securitySchemes.Bearer.flows.clientCredentials.tokenUrl).toBe("/{tenantId}/oauth2/v2.0/token");
  const close = document.paths["/api/v1/alerts/close_benign"].post;
  expect(close.security).toEqual([{ Token: ["Investigation.manage"] }, { Bearer: ["Investigation.manage"] }, { Token: ["Discovery.manage"] }, { Bearer: ["Discovery.manage"] }]);
  expect(close.responses["403"].$ref).toBe("#/components/responses/Forbidden");
  expect(document.paths["/api/v1/credentials/revoke"].post.security).toEqual([]);
});

test("a script typed from the document lists, closes, and makes a token, every answer as documented", async ({ tenant }) => {
  const { value } = await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: "typed script" });
  const api = typedApi({ token: value });

  const whoami = await api.GET("/api/v1/whoami");
  expect(whoami.data?.tenant.id).toBe(tenant.id);

  const open = await api.POST("/api/v1/alerts", { body: { filters: { alertOpen: { eq: true } }, limit: 5, sortField: "date", sortDirection: "asc" } });
  expect(open.response.status).toBe(200);
  const first = open.data!.data[0];
  expect(first.isOpen).toBe(true);

  const closed = await api.POST("/api/v1/alerts/close_benign", { body: { filters: { id: { eq: [first._id] } }, comment: "typed" } });
  expect(closed.data?.closed).toBe(1);
  const again = await api.GET("/api/v1/alerts/{id}", { params: { path: { id: first._id } } });
  expect(again.data?.resolutionStatusValue).toBe(4);

  const page = await api.GET("/api/v1/activities", { params: { query: { limit: 3, sortField: "date" } } });
  expect(page.data?.data).toHaveLength(3);

  const made = await api.POST("/api/v1/tokens", { body: { name: "Typed export", expiresInDays: 7, scopes: ["Investigation.read"] } });
  expect(made.response.status).toBe(201);
  expect(made.data?.token.scopes).toEqual(["Investigation.read"]);

  const refused = await typedApi({ token: made.data!.value }).POST("/api/v1/subnet/create_rule", { body: { name: "Not allowed", category: 1, subnets: ["10.1.0.0/16"] } });
  expect(refused.response.status).toBe(403);
  expect(refused.error?.error.code).toBe("forbidden");

  const missing = await api.GET("/api/v1/entities/{id}", { params: { path: { id: "000000000000000000000000" } } });
  expect(missing.error?.error.code).toBe("not_found");
});

test("an answer that drifts from its schema fails the check", async ({ tenant }) => {
  const { value } = await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: "drift" });
  const { alertId } = await resourceIdsOf(tenant.id);
  const answer = await callApi(`/api/v1/alerts/${alertId}/`, { token: value });
  const documented = { method: "GET", path: `/api/v1/alerts/${alertId}/`, status: answer.status, headers: answer.headers };
  expect(await openApiMismatches({ ...documented, text: answer.text })).toEqual([]);

  const renamed = { ...answer.json, severity: answer.json.severityValue };
  delete renamed.severityValue;
  const problems = await openApiMismatches({ ...documented, text: JSON.stringify(renamed) });
  expect(problems.join("\n")).toMatch(/severityValue/);
  expect(problems.join("\n")).toMatch(/additional properties/);
  expect(await openApiMismatches({ ...documented, status: 201, text: answer.text })).not.toEqual([]);
});

test("people read the API reference at /docs/api, opened from the Help menu, with nothing loaded from elsewhere", async ({ page, context, baseURL }) => {
  const elsewhere: string[] = [];
  const blocked: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (!["http:", "https:"].includes(url.protocol)) return;
    if (url.origin !== new URL(baseURL!).origin) elsewhere.push(request.url());
  });
  // Scalar also sets a few inline styles at run time, which the page's policy (styles from Keyport's own
  // files, or carrying the nonce) refuses without harm to the page; anything else refused is a failure.
  page.on("console", (message) => {
    const text = message.text();
    if (/Content.Security.Policy|Refused to/i.test(text) && !/^Applying inline style violates/.test(text)) blocked.push(text);
  });

  await signInContext(context, "reader@contoso.test", DEMO_PASSWORD);
  await gotoReady(page, "/settings/api-tokens");
  await page.getByRole("button", { name: "Help" }).click();
  const link = page.getByRole("menu", { name: "Help" }).getByRole("menuitem", { name: "API reference" });
  await expect(link).toHaveAttribute("href", "/docs/api");

  await gotoReady(page, "/docs/api");
  await expect(page).toHaveTitle(/API reference/);
  await expect(page.getByRole("heading", { name: "Keyport API", level: 1 }).first()).toBeVisible({ timeout: 30_000 });
  await page.getByRole("link", { name: "Alerts", exact: true }).first().click();
  await expect(page.getByText("Close alerts as benign").first()).toBeVisible();
  expect(elsewhere, "requests to other origins").toEqual([]);
  expect(blocked, "content blocked by the page's policy").toEqual([]);
});
