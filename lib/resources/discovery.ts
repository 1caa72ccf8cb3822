// Cloud Discovery: reports (streams), app categories, log upload, and block scripts for unsanctioned apps.
import { db, transaction, type Tx } from "@/lib/db/client";
import { placeholder, rowsArgument, rowsOf, timestampArgument, timestampPlaceholder, type RowColumn } from "@/lib/db/list-parameter";
import { AppError } from "@/lib/errors";
import { runListQuery, type ListQuery, type ResourceSpec } from "@/lib/resources/list-query";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/actor";
import { newResourceId } from "@/lib/resources/ids";
import { catalogEntry, DISCOVERY_CATEGORIES } from "@/lib/resources/discovery-catalog";
import { countDomainsInSlices, SAFE_DOMAIN } from "@/lib/resources/discovery-log";
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
 * Domains written per statement, each statement its own short transaction. SQLite serves one statement
 * at a time for the whole process, so a log naming 5 000 domains is written in short turns with a turn
 * of the event loop after each: another request's read or write waits for one chunk at most, never for
 * the whole log. One chunk is one INSERT … ON CONFLICT of its rows, not a statement per domain.
 */
export const UPLOAD_DOMAINS_PER_STATEMENT = 250;
const nextTurnOfTheEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

type AppRow = { id: string; domain: string; name: string; category: string; riskScore: number; transactions: number };
const APP_ROW_COLUMNS: RowColumn[] = [
  { name: "id", type: "text" },
  { name: "domain", type: "text" },
  { name: "name", type: "text" },
  { name: "category", type: "text" },
  { name: "riskScore", type: "integer" },
  { name: "transactions", type: "integer" },
];

/** Adds one chunk of counted domains to the stream: new apps are created, known ones counted up. */
async function addApps(tx: Tx, tenantId: string, streamId: string, rows: AppRow[], seenAt: Date): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO "DiscoveredApp" ("id", "tenantId", "streamId", "name", "domain", "category", "riskScore", "transactions", "lastSeenAt")
     SELECT r."id", ${placeholder(1)}, ${placeholder(2)}, r."name", r."domain", r."category", r."riskScore", r."transactions", ${timestampPlaceholder(3)}
       FROM ${rowsOf(4, APP_ROW_COLUMNS, "r")} WHERE true
     ON CONFLICT ("streamId", "domain") DO UPDATE SET "transactions" = "DiscoveredApp"."transactions" + excluded."transactions", "lastSeenAt" = excluded."lastSeenAt"`,
    tenantId,
    streamId,
    timestampArgument(seenAt),
    rowsArgument(rows),
  );
}

/**
 * Takes back what addApps added: the same upsert with the counts negated (it walks the same unique
 * index), then the apps it created (its ids) that nothing else has counted since.
 */
async function withdrawApps(tx: Tx, tenantId: string, streamId: string, rows: AppRow[], seenAt: Date): Promise<void> {
  await addApps(tx, tenantId, streamId, rows.map((row) => ({ ...row, transactions: -row.transactions })), seenAt);
  await tx.discoveredApp.deleteMany({ where: { tenantId, streamId, id: { in: rows.map((row) => row.id) }, transactions: { lte: 0 } } });
}

/**
 * Stores an uploaded log and adds the apps it names to the stream. The log is read in slices (the
 * event loop turns between them) before any transaction starts; the domains are then written in chunks
 * of UPLOAD_DOMAINS_PER_STATEMENT, and the upload's own row and its audit entry come last, so an upload
 * that is listed has been counted whole. An upload that fails part-way takes back the chunks it wrote
 * before it answers: the report shows all of an upload or none of it.
 */
export async function uploadDiscoveryLog(actor: Actor, input: UploadInput) {
  const { lineCount, domains } = await countDomainsInSlices(input.text);
  const now = new Date();
  const stream = await transaction(async (tx) => {
    const found = input.streamId
      ? await tx.discoveryStream.findFirst({ where: { id: input.streamId, tenantId: actor.tenantId } })
      : ((await tx.discoveryStream.findFirst({ where: { tenantId: actor.tenantId, displayName: DEFAULT_STREAM_NAME } })) ??
        (await tx.discoveryStream.create({ data: { id: newResourceId(), tenantId: actor.tenantId, displayName: DEFAULT_STREAM_NAME, sourceType: input.sourceType } })));
    if (!found) throw new AppError("not_found", "No discovery report with this id in this tenant.");
    return found;
  });

  const rows: AppRow[] = [...domains].map(([domain, transactions]) => {
    const known = catalogEntry(domain);
    return { id: newResourceId(), domain, name: known?.name ?? domain, category: known?.category ?? "Uncategorized", riskScore: known?.riskScore ?? 5, transactions };
  });
  const written: AppRow[][] = [];
  try {
    for (let start = 0; start < rows.length; start += UPLOAD_DOMAINS_PER_STATEMENT) {
      const chunk = rows.slice(start, start + UPLOAD_DOMAINS_PER_STATEMENT);
      await transaction((tx) => addApps(tx, actor.tenantId, stream.id, chunk, now));
      written.push(chunk);
      await nextTurnOfTheEventLoop();
    }
    return await transaction(async (tx) => {
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
  } catch (error) {
    for (const chunk of written) {
      await transaction((tx) => withdrawApps(tx, actor.tenantId, stream.id, chunk, now)).catch((undo: unknown) => {
        console.error("keyport: a failed discovery upload could not take back all it counted:", (undo as Error)?.message ?? undo);
      });
    }
    throw error;
  }
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
