// Cloud Discovery: reports (streams), app categories, log upload, and block scripts for unsanctioned apps.
import { db, transaction } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { runListQuery, type ListQuery, type ResourceSpec } from "@/lib/resources/list-query";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/actor";
import { newResourceId } from "@/lib/resources/ids";
import { catalogEntry, DISCOVERY_CATEGORIES } from "@/lib/resources/discovery-catalog";
import { extractDomains, SAFE_DOMAIN } from "@/lib/resources/discovery-log";
import type { BlockScriptFormat } from "@/lib/resources/schemas/discovery";

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const DEFAULT_STREAM_NAME = "Manual uploads";

/** Discovery reports are paged and sorted, not filtered. */
export const STREAM_SPEC: ResourceSpec = {
  fields: {},
  sortFields: { displayName: "displayName", createdAt: "createdAt" },
  defaultSort: { column: "displayName", direction: "asc" },
};

/** The categories are a fixed list: paged only. */
export const CATEGORY_SPEC: ResourceSpec = { fields: {}, sortFields: {}, defaultSort: { column: "id", direction: "asc" } };

export async function listStreams(tenantId: string, query: ListQuery) {
  return runListQuery(
    query,
    tenantId,
    (args) => db.discoveryStream.findMany({ ...args, include: { _count: { select: { apps: true, uploads: true } } } }),
    (args) => db.discoveryStream.count(args),
    (row) => ({
      _id: row.id,
      displayName: row.displayName,
      sourceType: row.sourceType,
      createdAt: row.createdAt.getTime(),
      discoveredApps: row._count.apps,
      uploads: row._count.uploads,
    }),
  );
}

/** The app categories, each with how many discovered apps of this tenant fall in it. */
export async function listCategories(tenantId: string, page: { skip: number; take: number }) {
  const counts = await db.discoveredApp.groupBy({ by: ["category"], where: { tenantId }, _count: { _all: true } });
  const byCategory = new Map(counts.map((row) => [row.category, row._count._all]));
  const all = DISCOVERY_CATEGORIES.map((name, index) => ({ id: index + 1, name, discoveredApps: byCategory.get(name) ?? 0 }));
  const data = all.slice(page.skip, page.skip + page.take);
  return { data, hasNext: page.skip + page.take < all.length, total: all.length };
}

export type UploadInput = { fileName: string; text: string; sizeBytes: number; sourceType: string; streamId?: string };

/**
 * Domains written per transaction. SQLite serves one transaction at a time for the whole process, and
 * better-sqlite3 runs each statement synchronously, so a log naming thousands of domains is written in
 * short transactions with a turn of the event loop after each: other requests are read and their
 * queries run in between, instead of waiting seconds for the whole log.
 */
export const UPLOAD_DOMAINS_PER_TRANSACTION = 50;
const nextTurnOfTheEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Stores an uploaded log and adds the apps it names to the stream: the next read shows them. The
 * domains are counted chunk by chunk; the upload's own row and its audit entry come last, so an upload
 * that is listed has been counted whole (one that failed part-way has counted only some of its domains,
 * and says so by being absent from the uploads).
 */
export async function uploadDiscoveryLog(actor: Actor, input: UploadInput) {
  const { lineCount, domains } = extractDomains(input.text);
  const now = new Date();
  const stream = await transaction(async (tx) => {
    const found = input.streamId
      ? await tx.discoveryStream.findFirst({ where: { id: input.streamId, tenantId: actor.tenantId } })
      : ((await tx.discoveryStream.findFirst({ where: { tenantId: actor.tenantId, displayName: DEFAULT_STREAM_NAME } })) ??
        (await tx.discoveryStream.create({ data: { id: newResourceId(), tenantId: actor.tenantId, displayName: DEFAULT_STREAM_NAME, sourceType: input.sourceType } })));
    if (!found) throw new AppError("not_found", "No discovery report with this id in this tenant.");
    return found;
  });

  const entries = [...domains];
  for (let start = 0; start < entries.length; start += UPLOAD_DOMAINS_PER_TRANSACTION) {
    const chunk = entries.slice(start, start + UPLOAD_DOMAINS_PER_TRANSACTION);
    await transaction(async (tx) => {
      for (const [domain, transactions] of chunk) {
        const known = catalogEntry(domain);
        await tx.discoveredApp.upsert({
          where: { streamId_domain: { streamId: stream.id, domain }, tenantId: actor.tenantId },
          update: { transactions: { increment: transactions }, lastSeenAt: now },
          create: {
            id: newResourceId(),
            tenantId: actor.tenantId,
            streamId: stream.id,
            domain,
            name: known?.name ?? domain,
            category: known?.category ?? "Uncategorized",
            riskScore: known?.riskScore ?? 5,
            transactions,
            lastSeenAt: now,
          },
        });
      }
    });
    await nextTurnOfTheEventLoop();
  }

  return transaction(async (tx) => {
    const upload = await tx.discoveryUpload.create({
      data: {
        id: newResourceId(),
        tenantId: actor.tenantId,
        streamId: stream.id,
        fileName: input.fileName.slice(0, 255),
        sourceType: input.sourceType,
        sizeBytes: input.sizeBytes,
        lineCount,
        domainCount: domains.size,
        uploadedBy: actor.label,
      },
    });
    await recordAuditEvent({ tenantId: actor.tenantId, actorUserId: actor.userId, actorLabel: actor.label, action: "discovery.upload", targetType: "discoveryUpload", targetId: upload.id, details: { fileName: upload.fileName, domains: domains.size } }, tx);
    return {
      _id: upload.id,
      stream: { _id: stream.id, displayName: stream.displayName },
      fileName: upload.fileName,
      sourceType: upload.sourceType,
      sizeBytes: upload.sizeBytes,
      lines: lineCount,
      discoveredDomains: [...domains.keys()].sort(),
      uploadedAt: upload.createdAt.getTime(),
    };
  });
}

/** A script that blocks every unsanctioned app of the tenant, in the appliance's format. */
export async function blockScript(tenantId: string, format: BlockScriptFormat): Promise<string> {
  const apps = await db.discoveredApp.findMany({ where: { tenantId, unsanctioned: true }, select: { domain: true }, distinct: ["domain"], orderBy: { domain: "asc" } });
  // Domains reach a shell script: only plain host names get through, whatever was uploaded.
  const domains = apps.map((app) => app.domain).filter((domain) => SAFE_DOMAIN.test(domain));
  const header = `Keyport block script (${format}) for ${domains.length} unsanctioned app domain(s), generated ${new Date().toISOString()}`;
  switch (format) {
    case "plain":
      return domains.join("\n") + (domains.length ? "\n" : "");
    case "iptables":
      return [
        "#!/bin/sh",
        `# ${header}`,
        "set -e",
        ...domains.map((domain) => `iptables -A OUTPUT -p tcp -m multiport --dports 80,443 -m string --string "${domain}" --algo bm -j REJECT`),
        "",
      ].join("\n");
    case "squid":
      return [`# ${header}`, ...domains.map((domain) => `acl keyport_unsanctioned dstdomain .${domain}`), ...(domains.length ? ["http_access deny keyport_unsanctioned"] : []), ""].join("\n");
  }
}
