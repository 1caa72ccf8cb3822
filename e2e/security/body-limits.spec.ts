// Request bodies are refused with 413 as soon as they pass their route's limit (JSON 256 KiB, OAuth
// forms 16 KiB, log uploads 10 MiB), also when sent chunked without a Content-Length, and the
// connection is closed rather than the rest of the body read: a client streaming 50 MiB is answered
// after a few hundred KiB, not after it has sent everything.
import { generateToken } from "@/lib/tokens/generate-token";
import { expect, test } from "../support/fixtures";
import { send, streamBody } from "./support/raw-http";

const MiB = 1024 * 1024;
// 50 MiB in 256 KiB chunks, 25 ms apart: sending it all takes at least 5 s.
const SLOW_50_MIB = { totalBytes: 50 * MiB, chunkBytes: 256 * 1024, pauseMs: 25 };

function expectRefusedEarly(result: Awaited<ReturnType<typeof streamBody>>, limitBytes: number) {
  expect(result.status, result.body).toBe(413);
  // Answered once the limit was passed, long before the 50 MiB were sent…
  expect(result.answeredAfterMs).not.toBeNull();
  expect(result.answeredAfterMs!).toBeLessThan(3_000);
  // …and the connection closed instead of reading the rest: far less than the body was ever sent (what
  // was sent beyond the limit sat in the two kernels' socket buffers, never in the server).
  expect(result.bytesSent).toBeLessThan(limitBytes + 16 * MiB);
  expect(result.closedAfterMs).toBeLessThan(result.answeredAfterMs! + 2_500);
}

test("a chunked 50 MiB POST to the token endpoint is refused with an OAuth 413 before it is read, with no credentials at all", async ({ tenant }) => {
  const result = await streamBody({ path: `/${tenant.id}/oauth2/v2.0/token`, headers: { "content-type": "application/x-www-form-urlencoded" }, ...SLOW_50_MIB });
  expectRefusedEarly(result, 16 * 1024);
  expect(JSON.parse(result.body)).toMatchObject({ error: "invalid_request" });
});

test("a chunked 50 MiB JSON POST to /api/v1/alerts/ with a valid token is refused with payload_too_large before it is read", async ({ tenant }) => {
  const token = await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: "big body" });
  const result = await streamBody({ path: "/api/v1/alerts/", headers: { authorization: `Token ${token.value}`, "content-type": "application/json" }, ...SLOW_50_MIB });
  expectRefusedEarly(result, 256 * 1024);
  expect(JSON.parse(result.body).error.code).toBe("payload_too_large");
});

test("a chunked log upload past 10 MiB is refused with payload_too_large, and one within the limit is taken", async ({ tenant }) => {
  const token = await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: "big upload" });
  const headers = { authorization: `Token ${token.value}`, "content-type": "multipart/form-data; boundary=keyport" };
  const result = await streamBody({ path: "/api/v1/discovery/upload/", headers, ...SLOW_50_MIB, pauseMs: 5 });
  expectRefusedEarly(result, 10 * MiB);
  expect(JSON.parse(result.body).error.code).toBe("payload_too_large");

  const log = "GET https://dropbox.com/upload 200\n".repeat(1000);
  const body = `--keyport\r\nContent-Disposition: form-data; name="file"; filename="proxy.log"\r\nContent-Type: text/plain\r\n\r\n${log}\r\n--keyport--\r\n`;
  const taken = await send({ method: "POST", path: "/api/v1/discovery/upload/", headers: { ...headers, "transfer-encoding": "chunked" }, body });
  expect(taken.status, taken.text).toBeLessThan(300);
});

test("a declared Content-Length over the limit is refused before any of the body is sent", async ({ tenant }) => {
  const token = await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: "declared" });
  const cases: { path: string; headers: Record<string, string>; totalBytes: number }[] = [
    { path: `/${tenant.id}/oauth2/token`, headers: { "content-type": "application/x-www-form-urlencoded" }, totalBytes: 16 * 1024 + 1 },
    { path: "/api/v1/alerts/", headers: { authorization: `Token ${token.value}`, "content-type": "application/json" }, totalBytes: 256 * 1024 + 1 },
    { path: "/api/v1/subnet/create_rule/", headers: { authorization: "Token nothing", "content-type": "application/json" }, totalBytes: 50 * MiB },
    { path: "/api/auth/callback/credentials", headers: { "content-type": "application/x-www-form-urlencoded" }, totalBytes: 1 * MiB },
    { path: "/signin", headers: { "content-type": "multipart/form-data; boundary=x" }, totalBytes: 2 * MiB },
  ];
  for (const { path, headers, totalBytes } of cases) {
    const result = await streamBody({ path, headers, totalBytes, declareLength: true, sendBody: false });
    expect(result.status, `${path}: ${result.body}`).toBe(413);
    expect(result.bytesSent).toBe(0);
  }
});

test("where Next or next-auth read a body whole (pages, /api/auth/), a body must declare its length", async () => {
  for (const path of ["/signin", "/api/auth/callback/credentials"]) {
    const result = await streamBody({ path, headers: { "content-type": "application/x-www-form-urlencoded" }, totalBytes: 4 * MiB, chunkBytes: 64 * 1024, pauseMs: 10 });
    expect(result.status, `${path}: ${result.body}`).toBe(411);
    expect(JSON.parse(result.body).error.code).toBe("length_required");
  }
});

test("a chunked body within the limit is read as usual", async ({ tenant }) => {
  const token = await generateToken({ tenantId: tenant.id, userId: tenant.reader.id, kind: "API_TOKEN", name: "chunked" });
  const response = await send({
    method: "POST",
    path: "/api/v1/alerts/",
    headers: { authorization: `Token ${token.value}`, "content-type": "application/json", "transfer-encoding": "chunked" },
    body: JSON.stringify({ filters: { severity: { eq: [2] } }, limit: 5, sortField: "date", sortDirection: "asc" }),
  });
  expect(response.status, response.text).toBe(200);
  expect(Array.isArray(response.json.data)).toBe(true);
});
