// Server actions are called from the portal's own pages only: an action request from another origin
// (another site, `null`, an origin that merely starts with the portal's, another scheme or port) is a
// 403 JSON error before its body is read, and one whose body is not what a browser sends (a scalar, an
// object, garbled JSON or multipart, a reference to a part the body lacks) a 400 JSON error; an
// unknown action id is a 4xx. None is a 500, none runs the action, and the same call from the portal's
// origin still works. The action id and body are the ones Chromium sends when an admin generates a
// token on the page.
import { apiTokenCountOf } from "../support/e2e-data";
import { expect, gotoReady, PORT, signInContext, test } from "../support/fixtures";
import { send, type RawResponse } from "./support/raw-http";

function expectJsonError(response: RawResponse, status: number, code: string, label: string) {
  expect(response.status, `${label}: ${response.text.slice(0, 200)}`).toBe(status);
  expect(String(response.headers["content-type"]), label).toContain("application/json");
  expect(response.json?.error?.code, `${label}: ${response.text.slice(0, 200)}`).toBe(code);
}

test("server actions from another origin are 403, with a malformed body 400, and from the portal they still work", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.admin.email);
  const calls: { id: string; body: string; type: string }[] = [];
  page.on("request", (request) => {
    const id = request.headers()["next-action"];
    if (request.method() === "POST" && id) calls.push({ id, body: request.postData() ?? "", type: request.headers()["content-type"] ?? "" });
  });
  await gotoReady(page, "/settings/api-tokens");
  await page.getByRole("button", { name: "Generate new token" }).click();
  const dialog = page.getByRole("dialog", { name: "Generate new token" });
  await dialog.getByRole("textbox", { name: "Token name" }).fill("recorded-call");
  await dialog.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("dialog", { name: "Your new API token" })).toBeVisible();
  // The generate call itself, not the dialog's check of whether the name is already in use.
  const generate = calls.find((call) => call.body.includes("recorded-call") && call.body.includes('"scopes"'));
  expect(generate, JSON.stringify(calls)).toBeTruthy();
  const { id, body, type } = generate!;
  expect(body.startsWith("[")).toBe(true);

  // The admin's own session cookie rides along, as it would on a forged cross-site request.
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const call = (headers: Record<string, string>, payload: string) =>
    send({ method: "POST", path: "/settings/api-tokens", headers: { cookie, "next-action": id, "content-type": type, ...headers }, body: payload });
  const own = `http://localhost:${PORT}`;
  const tokensBefore = await apiTokenCountOf(tenant.id, tenant.admin.id);

  const foreign = ["http://evil.example", "null", `${own}.evil.example`, `${own}@evil.example`, `https://localhost:${PORT}`, `http://localhost:${Number(PORT) + 50}`, `http://${tenant.slug}.localhost:${PORT}`, `${own}/`, "http://localhost", "not a url", ""];
  for (const origin of foreign) {
    expectJsonError(await call({ origin }, body.replace("recorded-call", "forged")), 403, "forbidden", `Origin ${JSON.stringify(origin)}`);
  }
  expect(await apiTokenCountOf(tenant.id, tenant.admin.id)).toBe(tokensBefore);

  const multipart = (parts: [string, string][]) => parts.map(([name, value]) => `--kp\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") + "--kp--\r\n";
  const malformed: [string, Record<string, string>, string][] = [
    ["a number", {}, "5"],
    ["a string", {}, '"x"'],
    ["null", {}, "null"],
    ["an object", {}, '{"name":"x"}'],
    ["nothing", {}, ""],
    ["garbled JSON", {}, "[{"],
    ["a reference to a missing part", {}, '["$Q1"]'],
    ["a string the decoder misreads", {}, '["${x}"]'],
    ["form-encoded", { "content-type": "application/x-www-form-urlencoded" }, "name=x"],
    ["garbled multipart", { "content-type": "multipart/form-data; boundary=kp" }, "garbage"],
    ["multipart without a boundary", { "content-type": "multipart/form-data" }, multipart([["0", "[]"]])],
    ["a multipart scalar", { "content-type": "multipart/form-data; boundary=kp" }, multipart([["0", "5"]])],
    ["multipart without its arguments", { "content-type": "multipart/form-data; boundary=kp" }, multipart([["a", "[]"]])],
    ["a multipart part sent after the arguments", { "content-type": "multipart/form-data; boundary=kp" }, multipart([["0", '["$Q1"]'], ["1", "[]"]])],
  ];
  for (const [label, headers, payload] of malformed) expectJsonError(await call({ origin: own, ...headers }, payload), 400, "invalid_request", label);
  expect(await apiTokenCountOf(tenant.id, tenant.admin.id)).toBe(tokensBefore);

  for (const unknown of ["00deadbeef", `7f${"0".repeat(40)}`, "x".repeat(300)]) {
    const response = await send({ method: "POST", path: "/settings/api-tokens", headers: { cookie, origin: own, "next-action": unknown, "content-type": type }, body: "[]" });
    expect(response.status, `action ${unknown}: ${response.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
    expect(response.status, `action ${unknown}`).toBeLessThan(500);
    expect(String(response.headers["content-type"]), `action ${unknown}`).toContain("application/json");
  }

  // The same call from the portal's origin (and from no browser at all: no Origin) runs the action.
  const replayed = await call({ origin: own }, body.replace("recorded-call", "replayed-call"));
  expect(replayed.status, replayed.text.slice(0, 300)).toBe(200);
  expect(String(replayed.headers["content-type"])).toContain("text/x-component");
  expect(replayed.text).toContain('"ok":true');
  expect((await call({}, body.replace("recorded-call", "scripted-call"))).text).toContain('"ok":true');
  expect(await apiTokenCountOf(tenant.id, tenant.admin.id)).toBe(tokensBefore + 2);

  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: "replayed-call" })).toBeVisible();
});

test("a path with dot segments, which Next may route to a page, is checked as an action call too", async () => {
  for (const path of ["/%2e%2e/oauth2/token", "/api/v1/%2e%2e/x", "/api/v1/subnet/%2e%2e/", "/api/%2E%2E/settings", "/api/v1/subnet/./"]) {
    const garbled = await send({ method: "POST", path, headers: { "content-type": "multipart/form-data" }, body: "x" });
    expect(garbled.status, `${path}: ${garbled.text.slice(0, 200)}`).toBe(400);
    expect(String(garbled.headers["content-type"]), path).toContain("application/json");
    const foreign = await send({ method: "POST", path, headers: { "content-type": "text/plain;charset=UTF-8", "next-action": `7f${"0".repeat(40)}`, origin: "http://evil.example" }, body: "[]" });
    expect(foreign.status, `${path} from another origin: ${foreign.text.slice(0, 200)}`).toBe(403);
  }
});
