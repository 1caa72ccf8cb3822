// The resource modules against a real, freshly migrated SQLite database, through the tenant-scoped
// client: every query they make names its tenant, and another tenant's ids are "not found".
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/actor";
import { createTenant } from "@/lib/tenants/create-tenant";
import { buildListQuery } from "@/lib/resources/list-query";
import { newResourceId } from "@/lib/resources/ids";
import { ALERT_SPEC, closeAlerts, getAlert, listAlerts, listAlertsForPage, RESOLUTION, setAlertRead } from "@/lib/resources/alerts";
import { ACTIVITY_SPEC, getActivity, giveActivityFeedback, listActivities } from "@/lib/resources/activities";
import { ENTITY_SPEC, getEntity, getEntityTree, listEntities } from "@/lib/resources/entities";
import { createSubnet, deleteSubnet, listSubnets, SUBNET_SPEC, updateSubnet } from "@/lib/resources/subnets";
import { blockScript, listCategories, listStreams, STREAM_SPEC, uploadDiscoveryLog } from "@/lib/resources/discovery";
import { createSubnetBody, updateSubnetBody } from "@/lib/resources/schemas/subnets";

async function tenantWithData() {
  const tenant = await createTenant({ slug: `r-${randomBytes(4).toString("hex")}`, name: "Resources" });
  const actor: Actor = { tenantId: tenant.id, userId: null, label: `script@${tenant.slug}`, role: null };
  const now = Date.now();
  const parent = await db.entity.create({ data: { id: newResourceId(), tenantId: tenant.id, type: "user", displayName: "Ada", lastSeenAt: new Date(now) } });
  const child = await db.entity.create({ data: { id: newResourceId(), tenantId: tenant.id, type: "account", displayName: "ada@corp", parentId: parent.id, lastSeenAt: new Date(now) } });
  const alerts = [];
  for (const [index, severity] of [0, 1, 2].entries()) {
    alerts.push(
      await db.alert.create({
        data: {
          id: newResourceId(),
          tenantId: tenant.id,
          title: `Alert ${index}`,
          description: "unit",
          severity,
          policyName: "Policy",
          createdAt: new Date(now - index * 1000),
          entities: { create: [{ entityId: parent.id }] },
        },
      }),
    );
  }
  const activity = await db.activity.create({
    data: { id: newResourceId(), tenantId: tenant.id, eventType: "login", description: "signed in", userName: "ada", appId: 1, appName: "Mail", ipAddress: "192.0.2.1", countryCode: "NL", userAgent: "unit", occurredAt: new Date(now) },
  });
  return { tenant, actor, parent, child, alerts, activity };
}

async function refusal(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("resources, scoped to one tenant", () => {
  let mine: Awaited<ReturnType<typeof tenantWithData>>;
  let theirs: Awaited<ReturnType<typeof tenantWithData>>;
  beforeAll(async () => {
    mine = await tenantWithData();
    theirs = await tenantWithData();
  });

  it("lists, fetches, marks and closes alerts of its own tenant only", async () => {
    const page = await listAlerts(mine.tenant.id, buildListQuery({ filters: { severity: { gte: 1 } } }, ALERT_SPEC));
    expect(page.total).toBe(2);
    expect(page.data.map((alert) => alert.title)).toEqual(["Alert 1", "Alert 2"]);

    expect((await setAlertRead(mine.actor, mine.alerts[0].id, true)).isRead).toBe(true);
    expect((await refusal(() => getAlert(mine.tenant.id, theirs.alerts[0].id))).code).toBe("not_found");
    expect((await refusal(() => setAlertRead(mine.actor, theirs.alerts[0].id, true))).code).toBe("not_found");

    const ids = [mine.alerts[1].id, theirs.alerts[1].id];
    const closed = await closeAlerts(mine.actor, { filters: { id: { eq: ids } }, comment: "done" }, "benign");
    expect(closed).toMatchObject({ closed_benign: 1, closed: 1, ids: [mine.alerts[1].id] });
    expect((await getAlert(mine.tenant.id, mine.alerts[1].id)).resolutionStatusValue).toBe(RESOLUTION.BENIGN);
    expect((await getAlert(theirs.tenant.id, theirs.alerts[1].id)).resolutionStatusValue).toBe(RESOLUTION.OPEN);
    expect((await refusal(() => closeAlerts(mine.actor, { filters: {} }, "benign"))).code).toBe("invalid_request");

    const open = await listAlertsForPage(mine.tenant.id, { state: "open", severity: "all", sort: "date", dir: "desc", page: 1 });
    expect(open.data.map((alert) => alert.title).sort()).toEqual(["Alert 0", "Alert 2"]);
    // The portal's sort is the API's: by severity, both ways.
    const bySeverity = async (dir: "asc" | "desc") =>
      (await listAlertsForPage(mine.tenant.id, { state: "all", severity: "all", sort: "severity", dir, page: 1 })).data.map((alert) => alert.severityValue);
    expect(await bySeverity("asc")).toEqual([0, 1, 2]);
    expect(await bySeverity("desc")).toEqual([2, 1, 0]);
  });

  it("lists activities and takes feedback on its own tenant's only", async () => {
    expect((await listActivities(mine.tenant.id, buildListQuery({}, ACTIVITY_SPEC))).data.map((row) => row._id)).toEqual([mine.activity.id]);
    const given = await giveActivityFeedback(mine.actor, mine.activity.id, { feedback: "legitimate", comment: "known" });
    expect(given.feedback).toEqual({ value: "legitimate", comment: "known", by: mine.actor.label });
    expect((await refusal(() => giveActivityFeedback(mine.actor, theirs.activity.id, { feedback: "malicious" }))).code).toBe("not_found");
    expect((await getActivity(theirs.tenant.id, theirs.activity.id)).feedback).toBeNull();
  });

  it("lists entities and walks the tree within the tenant", async () => {
    expect((await listEntities(mine.tenant.id, buildListQuery({ filters: { type: { eq: ["account"] } } }, ENTITY_SPEC))).data.map((row) => row._id)).toEqual([mine.child.id]);
    expect((await getEntity(mine.tenant.id, mine.parent.id)).displayName).toBe("Ada");
    const tree = await getEntityTree(mine.tenant.id, mine.parent.id);
    expect(tree.children.map((node) => node._id)).toEqual([mine.child.id]);
    expect((await refusal(() => getEntityTree(mine.tenant.id, theirs.parent.id))).code).toBe("not_found");
  });

  it("creates, changes, lists and deletes IP ranges of its own tenant only", async () => {
    const created = await createSubnet(mine.actor, createSubnetBody.parse({ name: "Office", category: 1, subnets: ["10.0.0.0/8", "192.0.2.7"], tags: ["hq"] }));
    expect(created.subnets).toEqual([{ originalString: "10.0.0.0/8" }, { originalString: "192.0.2.7/32" }]);
    const changed = await updateSubnet(mine.actor, created._id, updateSubnetBody.parse({ name: "Head office" }));
    expect(changed.name).toBe("Head office");
    expect((await listSubnets(mine.tenant.id, buildListQuery({ filters: { tags: { eq: ["hq"] } } }, SUBNET_SPEC))).total).toBe(1);
    expect((await listSubnets(theirs.tenant.id, buildListQuery({}, SUBNET_SPEC))).total).toBe(0);
    expect((await refusal(() => updateSubnet(theirs.actor, created._id, { name: "Taken" }))).code).toBe("not_found");
    expect((await refusal(() => deleteSubnet(theirs.actor, created._id))).code).toBe("not_found");
    expect(await deleteSubnet(mine.actor, created._id)).toEqual({ _id: created._id, deleted: true });
  });

  it("adds uploaded logs to the tenant's discovery report, twice to the same apps", async () => {
    const log = "GET https://www.dropbox.com/upload\nGET https://chatgpt.com/\n";
    const first = await uploadDiscoveryLog(mine.actor, { fileName: "a.log", text: log, sizeBytes: log.length, sourceType: "generic" });
    const second = await uploadDiscoveryLog(mine.actor, { fileName: "b.log", text: log, sizeBytes: log.length, sourceType: "generic", streamId: first.stream._id });
    expect(second.stream._id).toBe(first.stream._id);
    expect(first.discoveredDomains).toEqual(["chatgpt.com", "dropbox.com"]);
    const apps = await db.discoveredApp.findMany({ where: { tenantId: mine.tenant.id }, orderBy: { domain: "asc" } });
    expect(apps.map((app) => [app.domain, app.transactions])).toEqual([["chatgpt.com", 2], ["dropbox.com", 2]]);

    const streams = await listStreams(mine.tenant.id, buildListQuery({}, STREAM_SPEC));
    expect(streams.data).toMatchObject([{ _id: first.stream._id, discoveredApps: 2, uploads: 2 }]);
    expect((await listStreams(theirs.tenant.id, buildListQuery({}, STREAM_SPEC))).total).toBe(0);
    expect((await refusal(() => uploadDiscoveryLog(theirs.actor, { fileName: "c.log", text: log, sizeBytes: log.length, sourceType: "generic", streamId: first.stream._id }))).code).toBe("not_found");

    const categories = await listCategories(mine.tenant.id, { skip: 0, take: 100 });
    expect(categories.data.find((category) => category.name === "Cloud storage")?.discoveredApps).toBe(1);
    await db.discoveredApp.updateMany({ where: { tenantId: mine.tenant.id, domain: "dropbox.com" }, data: { unsanctioned: true } });
    expect(await blockScript(mine.tenant.id, "plain")).toBe("dropbox.com\n");
    expect(await blockScript(theirs.tenant.id, "plain")).toBe("");
  });

  it("lets other requests' queries in while a large log is counted, and counts all of it", async () => {
    // 5 000 domains (the most one log may name): a hundred short transactions, not one long one.
    const domainCount = 5_000;
    const log = Array.from({ length: domainCount }, (_, index) => `GET https://app-${index}.example/`).join("\n");
    const order: string[] = [];
    const upload = uploadDiscoveryLog(mine.actor, { fileName: "big.log", text: log, sizeBytes: log.length, sourceType: "generic" }).then((result) => {
      order.push("upload");
      return result;
    });
    // Another request's query, sent once the upload has started writing (a timer: it fires only when the
    // upload lets the event loop turn).
    await new Promise((resolve) => setTimeout(resolve, 5));
    await db.tenant.findFirst({ where: { id: theirs.tenant.id } }).then(() => order.push("other request"));
    const result = await upload;
    expect(order).toEqual(["other request", "upload"]);
    expect(result.discoveredDomains).toHaveLength(domainCount);
    expect(await db.discoveredApp.count({ where: { tenantId: mine.tenant.id, streamId: result.stream._id, domain: { startsWith: "app-" } } })).toBe(domainCount);
  });

  it("takes back every chunk of an upload that fails part-way: the report shows none of it", async () => {
    const log = "GET https://dropbox.com/\n" + Array.from({ length: 700 }, (_, index) => `GET https://half-${index}.example/`).join("\n");
    const first = await uploadDiscoveryLog(mine.actor, { fileName: "before.log", text: "GET https://dropbox.com/\n".repeat(7), sizeBytes: 100, sourceType: "generic" });
    const before = await db.discoveredApp.findMany({ where: { tenantId: mine.tenant.id, streamId: first.stream._id }, orderBy: { domain: "asc" } });
    const uploadsBefore = await db.discoveryUpload.count({ where: { tenantId: mine.tenant.id } });
    // The database refuses the third chunk (a trigger on one of its domains): two chunks are written by then.
    await db.$executeRawUnsafe(`CREATE TRIGGER refuse_half_600 BEFORE INSERT ON "DiscoveredApp" WHEN NEW."domain" = 'half-600.example' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
    try {
      await expect(uploadDiscoveryLog(mine.actor, { fileName: "fails.log", text: log, sizeBytes: log.length, sourceType: "generic", streamId: first.stream._id })).rejects.toThrow(/refused by the test/);
    } finally {
      await db.$executeRawUnsafe("DROP TRIGGER refuse_half_600");
    }
    const after = await db.discoveredApp.findMany({ where: { tenantId: mine.tenant.id, streamId: first.stream._id }, orderBy: { domain: "asc" } });
    expect(after.map((app) => [app.domain, app.transactions])).toEqual(before.map((app) => [app.domain, app.transactions]));
    expect(await db.discoveredApp.count({ where: { tenantId: mine.tenant.id, domain: { startsWith: "half-" } } })).toBe(0);
    expect(await db.discoveryUpload.count({ where: { tenantId: mine.tenant.id } })).toBe(uploadsBefore);
  });
});
