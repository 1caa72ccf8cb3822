// A log of nearly 10 MiB (the most an upload may be) naming 5 000 domains (the most one log may name) is
// read in slices and written in chunks, and still makes the same report: every app of it, once, and the
// upload listed. An upload that the database refuses part-way leaves the report as it was: no app of it,
// no count, no upload.
import { randomBytes } from "node:crypto";
import { generateToken } from "@/lib/tokens/generate-token";
import { callApi, multipart } from "../support/api-client";
import { discoveredAppsEndingWith, refuseDiscoveredAppInsert } from "../support/e2e-data";
import { expect, test } from "../support/fixtures";

const MiB = 1024 * 1024;
const DOMAINS = 5_000;

/** A squid-like log of about `bytes`, naming DOMAINS domains under `suffix`, each many times. */
function bigLog(suffix: string, bytes: number): { text: string; lines: number } {
  const lines: string[] = [];
  let size = 0;
  for (let index = 0; size < bytes; index++) {
    const line = `2026-11-20T10:${String(index % 60).padStart(2, "0")}:00Z 10.0.${index % 250}.${index % 200} GET https://www.app-${index % DOMAINS}.${suffix}.example/path/${index}?q=report 200 ${index}`;
    if (size + line.length + 1 > bytes) break;
    lines.push(line);
    size += line.length + 1;
  }
  return { text: lines.join("\n"), lines: lines.length };
}

async function streamCounts(token: string, streamId: string): Promise<{ discoveredApps: number; uploads: number }> {
  const streams = await callApi("/api/v1/discovery/streams/?limit=100", { token });
  expect(streams.status).toBe(200);
  const stream = streams.json.data.find((item: { _id: string }) => item._id === streamId);
  return { discoveredApps: stream.discoveredApps, uploads: stream.uploads };
}

test("a 10 MiB log naming 5 000 domains makes the same report as ever: all its apps, once, and the upload listed", async ({ tenant }) => {
  test.setTimeout(180_000);
  const token = (await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: "big uploads" })).value;
  const first = await callApi("/api/v1/discovery/upload/", { token, method: "POST", ...multipart({ file: { fileName: "small.log", content: "GET https://dropbox.com/\n" } }) });
  expect(first.status, first.text).toBe(200);
  const streamId: string = first.json.stream._id;
  const before = await streamCounts(token, streamId);

  const suffix = randomBytes(4).toString("hex");
  const log = bigLog(suffix, 10 * MiB - 1024);
  const upload = await callApi("/api/v1/discovery/upload/", { token, method: "POST", timeoutMs: 120_000, ...multipart({ file: { fileName: "proxy-big.log", content: log.text }, stream: streamId }) });
  expect(upload.status, upload.text.slice(0, 300)).toBe(200);
  expect(upload.json).toMatchObject({ fileName: "proxy-big.log", lines: log.lines, stream: { _id: streamId } });
  expect(upload.json.sizeBytes).toBe(Buffer.byteLength(log.text));
  expect(upload.json.discoveredDomains).toHaveLength(DOMAINS);
  expect(upload.json.discoveredDomains).toContain(`app-4999.${suffix}.example`);
  expect(await streamCounts(token, streamId)).toEqual({ discoveredApps: before.discoveredApps + DOMAINS, uploads: before.uploads + 1 });
  // Every domain counted as often as the log names it (each line names one).
  const counted = await discoveredAppsEndingWith(tenant.id, streamId, `.${suffix}.example`);
  expect(counted).toHaveLength(DOMAINS);
  expect(counted.reduce((sum, app) => sum + app.transactions, 0)).toBe(log.lines);
});

test("an upload the database refuses part-way leaves the report as it was: no app of it, no count, no upload", async ({ tenant }) => {
  test.setTimeout(120_000);
  const token = (await generateToken({ tenantId: tenant.id, userId: tenant.admin.id, kind: "API_TOKEN", name: "failing uploads" })).value;
  const first = await callApi("/api/v1/discovery/upload/", { token, method: "POST", ...multipart({ file: { fileName: "small.log", content: "GET https://dropbox.com/\n".repeat(3) } }) });
  expect(first.status, first.text).toBe(200);
  const streamId: string = first.json.stream._id;
  const before = await streamCounts(token, streamId);

  // 1 200 domains, written 250 at a time; the database refuses one near the end, after four chunks are in.
  const suffix = randomBytes(4).toString("hex");
  const refused = `d-1100.${suffix}.example`;
  const text = ["GET https://dropbox.com/", ...Array.from({ length: 1_200 }, (_, index) => `GET https://d-${index}.${suffix}.example/`)].join("\n");
  const removeRefusal = await refuseDiscoveredAppInsert(refused);
  try {
    const upload = await callApi("/api/v1/discovery/upload/", { token, method: "POST", timeoutMs: 60_000, ...multipart({ file: { fileName: "fails.log", content: text }, stream: streamId }) });
    expect(upload.status).toBeGreaterThanOrEqual(500);
    expect(upload.json.error.code).toBeDefined();
  } finally {
    await removeRefusal();
  }
  expect(await streamCounts(token, streamId)).toEqual(before);
  expect(await discoveredAppsEndingWith(tenant.id, streamId, `.${suffix}.example`)).toEqual([]);
  expect(await discoveredAppsEndingWith(tenant.id, streamId, "dropbox.com")).toEqual([{ domain: "dropbox.com", transactions: 3 }]);

  // Without the refusal the same log goes in whole.
  const again = await callApi("/api/v1/discovery/upload/", { token, method: "POST", timeoutMs: 60_000, ...multipart({ file: { fileName: "fine.log", content: text }, stream: streamId }) });
  expect(again.status, again.text).toBe(200);
  expect(await streamCounts(token, streamId)).toEqual({ discoveredApps: before.discoveredApps + 1_200, uploads: before.uploads + 1 });
});
