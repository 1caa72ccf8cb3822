// The resource API on real rows: reads return the tenant's data, writes change rows that the next read
// shows, ids of another tenant are 404, and bad input is a 400 JSON error, never a 500 or HTML.
import { generateToken } from "@/lib/tokens/generate-token";
import { countResources, resourceIdsOf } from "../support/e2e-data";
import { callApi, multipart } from "../support/api-client";
import { ENDPOINTS } from "../support/api-endpoints";
import { createFreshTenant, expect, test, FIXTURE_SCALE } from "../support/fixtures";

const adminToken = async (tenantId: string, userId: string) => (await generateToken({ tenantId, userId, kind: "API_TOKEN", name: "resources" })).value;

test("every endpoint answers the admin's token with 200 and JSON (the block script with text), with and without the trailing slash", async ({ tenant }) => {
  const token = await adminToken(tenant.id, tenant.admin.id);
  for (const endpoint of ENDPOINTS) {
    for (const trailingSlash of [true, false]) {
      const { path, ...options } = await endpoint.request(tenant.id);
      const url = trailingSlash ? path : path.replace(/\/(\?|$)/, "$1");
      const response = await callApi(url, { token, ...options });
      expect(response.status, `${endpoint.name} ${url}: ${response.text.slice(0, 200)}`).toBe(200);
      const type = String(response.headers["content-type"]);
      expect(type, endpoint.name).toMatch(endpoint.name.includes("block_script") ? /text\/plain/ : /application\/json/);
    }
  }
});

test("lists follow the list contract: {data, hasNext, total}, skip and limit, GET and POST alike", async ({ tenant }) => {
  const token = await adminToken(tenant.id, tenant.admin.id);
  const counts = await countResources(tenant.id);
  expect(counts.alerts).toBe(FIXTURE_SCALE.alerts);

  const first = await callApi("/api/v1/alerts/?limit=15", { token });
  expect(first.json.total).toBe(counts.alerts);
  expect(first.json.data).toHaveLength(15);
  expect(first.json.hasNext).toBe(true);
  const last = await callApi("/api/v1/alerts/", { token, body: { skip: counts.alerts - 5, limit: 15 } });
  expect(last.json.data).toHaveLength(5);
  expect(last.json.hasNext).toBe(false);

  // Paging through everything visits each alert once, newest first.
  const seen: string[] = [];
  let previous = Infinity;
  for (let skip = 0; ; skip += 15) {
    const page = await callApi("/api/v1/alerts/", { token, body: { skip, limit: 15 } });
    for (const alert of page.json.data) {
      expect(alert.timestamp).toBeLessThanOrEqual(previous);
      previous = alert.timestamp;
      seen.push(alert._id);
    }
    if (!page.json.hasNext) break;
  }
  expect(new Set(seen).size).toBe(counts.alerts);

  const ascending = await callApi("/api/v1/alerts/", { token, body: { sortField: "severity", sortDirection: "asc", limit: 100 } });
  const severities = ascending.json.data.map((alert: { severityValue: number }) => alert.severityValue);
  expect(severities).toEqual([...severities].sort((a, b) => a - b));
});

test("filters: every operator selects exactly the matching rows", async ({ tenant }) => {
  const token = await adminToken(tenant.id, tenant.admin.id);
  const all = (await callApi("/api/v1/alerts/", { token, body: { limit: 100 } })).json.data as { _id: string; severityValue: number; isOpen: boolean; isRead: boolean; timestamp: number; title: string; resolveTime: number | null; entities: { id: string }[] }[];
  const list = async (filters: object) => {
    const response = await callApi("/api/v1/alerts/", { token, body: { filters, limit: 100 } });
    expect(response.status, JSON.stringify(filters) + response.text.slice(0, 300)).toBe(200);
    expect(response.json.total).toBe(response.json.data.length);
    return (response.json.data as { _id: string }[]).map((alert) => alert._id).sort();
  };
  const ids = (rows: typeof all) => rows.map((alert) => alert._id).sort();
  const middle = [...all].sort((a, b) => a.timestamp - b.timestamp)[Math.floor(all.length / 2)].timestamp;

  expect(await list({ severity: { eq: [2] } })).toEqual(ids(all.filter((a) => a.severityValue === 2)));
  expect(await list({ severity: { eq: 0 } })).toEqual(ids(all.filter((a) => a.severityValue === 0)));
  expect(await list({ severity: { neq: [2] } })).toEqual(ids(all.filter((a) => a.severityValue !== 2)));
  expect(await list({ severity: { gte: 1 } })).toEqual(ids(all.filter((a) => a.severityValue >= 1)));
  expect(await list({ severity: { lt: 1 } })).toEqual(ids(all.filter((a) => a.severityValue < 1)));
  expect(await list({ date: { gt: middle } })).toEqual(ids(all.filter((a) => a.timestamp > middle)));
  expect(await list({ date: { lte: middle } })).toEqual(ids(all.filter((a) => a.timestamp <= middle)));
  expect(await list({ date: { range: { start: middle, end: Date.now() } } })).toEqual(ids(all.filter((a) => a.timestamp >= middle)));
  expect(await list({ alertOpen: { eq: true } })).toEqual(ids(all.filter((a) => a.isOpen)));
  expect(await list({ read: { eq: false } })).toEqual(ids(all.filter((a) => !a.isRead)));
  expect(await list({ title: { contains: "travel" } })).toEqual(ids(all.filter((a) => a.title.toLowerCase().includes("travel"))));
  expect(await list({ resolutionDate: { isset: true } })).toEqual(ids(all.filter((a) => a.resolveTime !== null)));
  expect(await list({ resolutionDate: { isnotset: true } })).toEqual(ids(all.filter((a) => a.resolveTime === null)));
  const entity = all[0].entities[0].id;
  expect(await list({ "entity.entity": { eq: [entity] } })).toEqual(ids(all.filter((a) => a.entities.some((e) => e.id === entity))));
  expect(await list({ severity: { eq: [2] }, alertOpen: { eq: true } })).toEqual(ids(all.filter((a) => a.severityValue === 2 && a.isOpen)));

  // The same filter on GET, as a JSON query parameter.
  const viaGet = await callApi(`/api/v1/alerts/?limit=100&filters=${encodeURIComponent(JSON.stringify({ severity: { eq: [2] } }))}`, { token });
  expect(viaGet.json.total).toBe(all.filter((a) => a.severityValue === 2).length);
});

test("bad list requests are 400 invalid_request with details per field", async ({ tenant }) => {
  const token = await adminToken(tenant.id, tenant.admin.id);
  const cases: [string, Parameters<typeof callApi>[1], string][] = [
    ["/api/v1/alerts/?limit=101", {}, "limit"],
    ["/api/v1/alerts/?limit=ten", {}, "limit"],
    ["/api/v1/alerts/?skip=-1", {}, "skip"],
    ["/api/v1/alerts/", { body: { limit: 500 } }, "limit"],
    ["/api/v1/alerts/", { body: { filters: { nonsense: { eq: [1] } } } }, "filters.nonsense"],
    ["/api/v1/alerts/", { body: { filters: { severity: { like: 1 } } } }, "filters.severity.like"],
    ["/api/v1/alerts/", { body: { filters: { severity: { contains: "x" } } } }, "filters.severity.contains"],
    ["/api/v1/alerts/", { body: { filters: { severity: { eq: ["high"] } } } }, "filters.severity.eq"],
    ["/api/v1/alerts/", { body: { filters: { date: { range: { start: "yesterday" } } } } }, "filters.date.range"],
    ["/api/v1/alerts/", { body: { sortField: "colour" } }, "sortField"],
    ["/api/v1/alerts/", { body: { sortDirection: "up" } }, "sortDirection"],
    ["/api/v1/alerts/", { body: { unexpected: 1 } }, "_"],
    ["/api/v1/alerts/", { body: "{not json" }, "_"],
    ["/api/v1/alerts/", { body: "[1,2]" }, "_"],
    ["/api/v1/activities/", { body: { filters: { feedback: { eq: ["maybe"] } } } }, "filters.feedback.eq"],
    ["/api/v1/alerts/close_benign/", { body: { filters: {} } }, "filters"],
    ["/api/v1/alerts/close_benign/", { body: { comment: "no filters" } }, "filters"],
    ["/api/v1/subnet/create_rule/", { body: { name: "", category: 9, subnets: ["300.1.1.1/8"] } }, "subnets.0"],
    ["/api/v1/subnet/create_rule/", { body: { name: "x", category: 1 } }, "subnets"],
    ["/api/v1/entities/tree/", { body: {} }, "id"],
    ["/api/v1/discovery/block_script/?format=exe", {}, "format"],
    ["/api/v1/discovery/upload/", { body: { file: "not multipart" } }, "file"],
  ];
  for (const [path, options, field] of cases) {
    const response = await callApi(path, { token, ...options });
    const label = `${path} ${JSON.stringify(options)} → ${response.status} ${response.text.slice(0, 300)}`;
    expect(response.status, label).toBe(400);
    expect(response.json?.error?.code, label).toBe("invalid_request");
    expect(Object.keys(response.json.error.details), label).toContain(field);
  }
  const wrongMethod = await callApi("/api/v1/alerts/close_benign/", { token });
  expect(wrongMethod.status).toBe(405);
  expect(wrongMethod.json.error.code).toBe("method_not_allowed");
  expect(wrongMethod.headers.allow).toBe("POST");
  expect((await callApi("/api/v1/alerts/", { token, method: "DELETE" })).headers.allow).toBe("GET, POST");

  const unknown = await callApi("/api/v1/no-such-thing/", { token });
  expect(unknown.status).toBe(404);
  expect(unknown.json.error.code).toBe("not_found");
});

test("writes change rows that the next read shows", async ({ tenant }) => {
  const token = await adminToken(tenant.id, tenant.admin.id);
  const { alertId, openAlertIds, activityId, userEntityId } = await resourceIdsOf(tenant.id);

  expect((await callApi(`/api/v1/alerts/${alertId}/read/`, { token, method: "POST" })).json.isRead).toBe(true);
  expect((await callApi(`/api/v1/alerts/${alertId}`, { token })).json.isRead).toBe(true);
  await callApi(`/api/v1/alerts/${alertId}/unread/`, { token, method: "POST" });
  expect((await callApi(`/api/v1/alerts/${alertId}/`, { token })).json.isRead).toBe(false);

  const [first, second] = openAlertIds;
  const closed = await callApi("/api/v1/alerts/close_false_positive/", { token, body: { filters: { id: { eq: [first, second] } }, comment: "Known scanner" } });
  expect(closed.json).toMatchObject({ closed_false_positive: 2 });
  const after = await callApi(`/api/v1/alerts/${first}/`, { token });
  expect(after.json).toMatchObject({ isOpen: false, resolutionStatusValue: 3, comment: "Known scanner", handledByUser: tenant.admin.email });
  expect(after.json.resolveTime).toBeGreaterThan(Date.now() - 60_000);
  // Closing again closes nothing: only open alerts are closed.
  expect((await callApi("/api/v1/alerts/close_benign/", { token, body: { filters: { id: { eq: [first] } } } })).json.closed).toBe(0);

  const feedback = await callApi(`/api/v1/activities/${activityId}/feedback/`, { token, body: { feedback: "malicious", comment: "Attacker" } });
  expect(feedback.json.feedback).toEqual({ value: "malicious", comment: "Attacker", by: tenant.admin.email });
  const flagged = await callApi("/api/v1/activities/", { token, body: { filters: { feedback: { eq: ["malicious"] } } } });
  expect(flagged.json.data.map((a: { _id: string }) => a._id)).toEqual([activityId]);

  const tree = await callApi("/api/v1/entities/tree/", { token, body: { id: { id: userEntityId, saas: 11161, inst: 0 } } });
  expect(tree.json.data._id).toBe(userEntityId);
  expect(tree.json.data.children.length).toBeGreaterThan(0);
  for (const child of tree.json.data.children) expect(child.parent).toBe(userEntityId);

  const created = await callApi("/api/v1/subnet/create_rule/", { token, body: { name: "Branch office", category: 1, subnets: ["10.77.0.0/16", "2001:db8:77::/48"], organization: "Contoso", tags: ["branch"] } });
  expect(created.status).toBe(200);
  const subnetId = created.json._id;
  const byTag = await callApi("/api/v1/subnet/", { token, body: { filters: { tags: { eq: ["branch"] } } } });
  expect(byTag.json.data.map((s: { _id: string }) => s._id)).toEqual([subnetId]);
  const updated = await callApi(`/api/v1/subnet/${subnetId}/update_rule/`, { token, body: { name: "Branch office (Lyon)", subnets: ["10.78.0.0/16"] } });
  expect(updated.json).toMatchObject({ name: "Branch office (Lyon)", subnets: [{ originalString: "10.78.0.0/16" }] });
  expect((await callApi("/api/v1/subnet/", { token, body: { filters: { name: { eq: ["Branch office (Lyon)"] } } } })).json.total).toBe(1);
  expect((await callApi(`/api/v1/subnet/${subnetId}/`, { token, method: "DELETE" })).status).toBe(200);
  expect((await callApi("/api/v1/subnet/", { token, body: { filters: { id: { eq: [subnetId] } } } })).json.total).toBe(0);
  expect((await callApi(`/api/v1/subnet/${subnetId}/`, { token, method: "DELETE" })).status).toBe(404);
});

test("a discovery upload adds its apps to the report, and unsanctioned domains reach the block scripts", async ({ tenant }) => {
  const token = await adminToken(tenant.id, tenant.admin.id);
  const log = [
    "2026-11-20T10:00:00Z 10.0.0.5 GET https://www.sendspace.com/upload 200 1234",
    "2026-11-20T10:00:01Z 10.0.0.6 CONNECT files.example-storage.net:443 200",
    "2026-11-20T10:00:02Z 10.0.0.7 GET https://www.sendspace.com/file/abc 200 99",
    "not a log line at all",
  ].join("\n");
  const { body, contentType } = multipart({ file: { fileName: "proxy-2026-11-20.log", content: log }, source: "squid" });
  const upload = await callApi("/api/v1/discovery/upload/", { token, method: "POST", body, contentType });
  expect(upload.status, upload.text).toBe(200);
  expect(upload.json).toMatchObject({ fileName: "proxy-2026-11-20.log", sourceType: "squid", lines: 4 });
  expect(upload.json.discoveredDomains).toEqual(["files.example-storage.net", "sendspace.com"]);

  const streams = await callApi("/api/v1/discovery/streams/", { token });
  const manual = streams.json.data.find((stream: { _id: string }) => stream._id === upload.json.stream._id);
  expect(manual).toMatchObject({ uploads: 1, discoveredApps: 2 });

  // SendSpace is a risky (score 2) app in the catalogue: unsanctioned, so blocked.
  const plain = await callApi("/api/v1/discovery/block_script/?format=plain", { token });
  expect(plain.text.split("\n")).toContain("sendspace.com");
  const iptables = await callApi("/api/v1/discovery/block_script/?format=iptables", { token });
  expect(iptables.text).toMatch(/^#!\/bin\/sh/);
  expect(iptables.text).toContain('--string "sendspace.com"');
  const squid = await callApi("/api/v1/discovery/block_script/?format=squid", { token });
  expect(squid.text).toContain("acl keyport_unsanctioned dstdomain .sendspace.com");
});

test("ids of another tenant are 404 on every read and write; its rows never appear in lists", async ({ tenant }) => {
  const other = await createFreshTenant();
  const theirs = await resourceIdsOf(other.id);
  const token = await adminToken(tenant.id, tenant.admin.id);
  const paths: [string, Parameters<typeof callApi>[1]][] = [
    [`/api/v1/alerts/${theirs.alertId}/`, {}],
    [`/api/v1/alerts/${theirs.alertId}/read/`, { method: "POST" }],
    [`/api/v1/activities/${theirs.activityId}/`, {}],
    [`/api/v1/activities/${theirs.activityId}/feedback/`, { body: { feedback: "legitimate" } }],
    [`/api/v1/entities/${theirs.userEntityId}/`, {}],
    ["/api/v1/entities/tree/", { body: { id: theirs.userEntityId } }],
    [`/api/v1/subnet/${theirs.subnetId}/update_rule/`, { body: { name: "mine now" } }],
    [`/api/v1/subnet/${theirs.subnetId}/`, { method: "DELETE" }],
  ];
  for (const [path, options] of paths) {
    const response = await callApi(path, { token, ...options });
    expect(response.status, path).toBe(404);
    expect(response.json.error.code).toBe("not_found");
  }
  const upload = multipart({ file: { fileName: "x.log", content: "https://dropbox.com\n" }, stream: theirs.streamId });
  expect((await callApi("/api/v1/discovery/upload/", { token, method: "POST", ...upload })).status).toBe(404);

  // Closing by id does not reach the other tenant's alert.
  const close = await callApi("/api/v1/alerts/close_benign/", { token, body: { filters: { id: { eq: theirs.openAlertIds.slice(0, 3) } } } });
  expect(close.json.closed).toBe(0);
  expect((await countResources(other.id)).openAlerts).toBe(theirs.openAlertIds.length);

  const listed = await callApi("/api/v1/alerts/", { token, body: { filters: { id: { eq: [theirs.alertId] } } } });
  expect(listed.json.total).toBe(0);
});
