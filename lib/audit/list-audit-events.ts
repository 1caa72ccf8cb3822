// Reading the audit log: a page of entries, newest first, that starts from a cursor (the last entry
// seen) instead of an offset, so the database walks one index from that entry and stops after one
// page, however long the log. Every filter has an index that ends in (createdAt, id), the order of the
// walk. Entries are returned as people read them: the actor's email, the activity's name, the target's
// name (kept on the entry, or looked up for entries written before names were kept).
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { activityName, activitySummary, targetTypeName } from "@/lib/audit/activity-names";
import { AUDIT_PAGE_SIZE, type AuditLogFilter } from "@/lib/audit/schemas";
import { personIdsIn } from "@/lib/audit/readable-details";

export type AuditRow = {
  id: string;
  at: string;
  actorUserId: string | null;
  /** The acting user's email, the application's label, or "System". */
  actor: string;
  action: string;
  activity: string;
  /** One line that says most of the details, when one does. */
  summary: string | null;
  targetType: string;
  targetTypeName: string;
  targetId: string;
  /** The target's name; null when none is known (the id then stands for it). */
  targetName: string | null;
  /** The stored details, a JSON object. */
  details: string;
  /** Names (emails) of the people the details name by id, so they read as names. */
  names: Record<string, string>;
  occurrences: number;
};

export type AuditPage = { rows: AuditRow[]; newer: string | null; older: string | null };

type Position = { createdAt: Date; id: string };

export function encodeCursor(position: Position): string {
  return Buffer.from(`${position.createdAt.getTime()}.${position.id}`, "utf8").toString("base64url");
}

/** The entry a cursor names, or null when it is not one of ours (a hand-edited URL starts from the top). */
export function decodeCursor(cursor: string | undefined): Position | null {
  if (!cursor) return null;
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const match = /^(\d{1,15})\.([A-Za-z0-9:_-]{1,100})$/.exec(text);
  if (!match) return null;
  const createdAt = new Date(Number(match[1]));
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id: match[2] };
}

type Direction = "older" | "newer";

/** Entries strictly older (or newer) than a position in the (createdAt, id) order. The first condition bounds the index range. */
function beyond(position: Position, direction: Direction): Prisma.AuditEventWhereInput {
  const cmp = direction === "older" ? "lt" : "gt";
  const bound = direction === "older" ? "lte" : "gte";
  return {
    AND: [{ createdAt: { [bound]: position.createdAt } }, { OR: [{ createdAt: { [cmp]: position.createdAt } }, { createdAt: position.createdAt, id: { [cmp]: position.id } }] }],
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The where clauses the filter stands for. A target filter matches the entry's target id or its kept
 * name; entries written before names were kept are found through the ids of the objects that have
 * that name now. Those are alternatives on two different indexes, so they come back as separate
 * clauses: the caller runs one query each (each an index walk) and merges them.
 */
async function filterClauses(tenantId: string, filter: AuditLogFilter): Promise<Prisma.AuditEventWhereInput[]> {
  const base: Prisma.AuditEventWhereInput = { tenantId };
  if (filter.action) base.action = filter.action;
  if (filter.actor) base.actorUserId = await actorIdOf(tenantId, filter.actor);
  if (filter.from || filter.to) {
    base.createdAt = {
      ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}),
      ...(filter.to ? { lt: new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + DAY_MS) } : {}),
    };
  }
  const target = filter.target?.trim();
  if (!target) return [base];
  const ids = [target, ...(await idsNamed(tenantId, target))];
  return [
    { ...base, targetId: ids.length === 1 ? target : { in: ids } },
    { ...base, targetLabel: target },
  ];
}

/** The user an actor filter names: null for "system" (entries no user made); an unknown email matches nobody. */
async function actorIdOf(tenantId: string, actor: string): Promise<string | null> {
  if (actor.toLowerCase() === "system") return null;
  if (!actor.includes("@")) return actor;
  const user = await db.user.findFirst({ where: { tenantId, email: actor.toLowerCase() }, select: { id: true } });
  return user?.id ?? NOBODY;
}
const NOBODY = "no-such-user";

/**
 * Ids of the tenant's users and apps whose name (or email) is exactly `name`: the targets of older
 * entries that kept no name (token entries always carried theirs in the details, which the migration
 * that added names copied over). Both tables are small per tenant; tokens are not looked up, as a
 * tenant may hold hundreds of thousands and their names are not indexed.
 */
async function idsNamed(tenantId: string, name: string): Promise<string[]> {
  const [users, apps] = await Promise.all([
    db.user.findMany({ where: { tenantId, OR: [{ email: name.toLowerCase() }, { name }] }, select: { id: true }, take: 50 }),
    db.appRegistration.findMany({ where: { tenantId, name }, select: { id: true }, take: 50 }),
  ]);
  return [...users, ...apps].map((row) => row.id);
}

const ORDER: Record<Direction, Prisma.AuditEventOrderByWithRelationInput[]> = {
  older: [{ createdAt: "desc" }, { id: "desc" }],
  newer: [{ createdAt: "asc" }, { id: "asc" }],
};

type EventRecord = Awaited<ReturnType<typeof db.auditEvent.findMany>>[number];

function compareNewestFirst(a: EventRecord, b: EventRecord): number {
  const byTime = b.createdAt.getTime() - a.createdAt.getTime();
  return byTime !== 0 ? byTime : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Up to `take` entries beyond `from` in `direction`, matching any of the clauses, newest first. */
async function walk(clauses: Prisma.AuditEventWhereInput[], from: Position | null, direction: Direction, take: number): Promise<EventRecord[]> {
  const batches = await Promise.all(
    clauses.map((clause) => db.auditEvent.findMany({ where: from ? { AND: [clause, beyond(from, direction)], tenantId: clause.tenantId as string } : clause, orderBy: ORDER[direction], take })),
  );
  const seen = new Set<string>();
  const merged = batches.flat().filter((row) => (seen.has(row.id) ? false : (seen.add(row.id), true)));
  merged.sort(compareNewestFirst);
  // Of the merged walks, keep the `take` nearest to the starting point.
  return direction === "older" ? merged.slice(0, take) : merged.slice(-take);
}

async function anyBeyond(clauses: Prisma.AuditEventWhereInput[], from: Position, direction: Direction): Promise<boolean> {
  return (await walk(clauses, from, direction, 1)).length > 0;
}

/**
 * One page of the log. `before` starts just older than an entry (the "Older" link), `after` just newer
 * (the "Newer" link); neither: the newest entries.
 */
export async function listAuditEvents(tenantId: string, query: AuditLogFilter & { before?: string; after?: string }, limit = AUDIT_PAGE_SIZE): Promise<AuditPage> {
  const clauses = await filterClauses(tenantId, query);
  const after = decodeCursor(query.after);
  const before = after ? null : decodeCursor(query.before);
  let rows: EventRecord[];
  let hasNewer: boolean;
  let hasOlder: boolean;
  if (after) {
    rows = await walk(clauses, after, "newer", limit + 1);
    hasNewer = rows.length > limit;
    if (hasNewer) rows = rows.slice(1);
    hasOlder = rows.length > 0 && (await anyBeyond(clauses, rows[rows.length - 1], "older"));
  } else {
    rows = await walk(clauses, before, "older", limit + 1);
    hasOlder = rows.length > limit;
    if (hasOlder) rows = rows.slice(0, limit);
    hasNewer = before !== null && rows.length > 0 && (await anyBeyond(clauses, rows[0], "newer"));
  }
  return {
    rows: await presentAuditRows(tenantId, rows),
    newer: hasNewer && rows.length ? encodeCursor(rows[0]) : null,
    older: hasOlder && rows.length ? encodeCursor(rows[rows.length - 1]) : null,
  };
}

/**
 * Every entry matching the filter, newest first, `batchSize` at a time: for the export, which streams
 * them out without ever holding the whole log.
 */
export async function* auditEventBatches(tenantId: string, filter: AuditLogFilter, batchSize = 500): AsyncGenerator<AuditRow[]> {
  const clauses = await filterClauses(tenantId, filter);
  let from: Position | null = null;
  for (;;) {
    const rows = await walk(clauses, from, "older", batchSize);
    if (rows.length === 0) return;
    yield await presentAuditRows(tenantId, rows);
    if (rows.length < batchSize) return;
    from = rows[rows.length - 1];
  }
}

const TOKEN_TYPES = new Set(["API_TOKEN", "SIEM_AGENT", "LOG_COLLECTOR"]);

/** Names of targets whose entries kept none, looked up in one query per kind of target. */
async function lookUpTargetNames(tenantId: string, rows: EventRecord[]): Promise<Map<string, string>> {
  const missing = (test: (type: string) => boolean) => [...new Set(rows.filter((row) => row.targetLabel === null && test(row.targetType)).map((row) => row.targetId))];
  const tokenIds = missing((type) => TOKEN_TYPES.has(type));
  const userIds = missing((type) => type === "USER");
  const appIds = missing((type) => type === "APP");
  const subnetIds = missing((type) => type === "subnet");
  const [tokens, users, apps, subnets] = await Promise.all([
    tokenIds.length ? db.apiToken.findMany({ where: { tenantId, id: { in: tokenIds } }, select: { id: true, name: true } }) : [],
    userIds.length ? db.user.findMany({ where: { tenantId, id: { in: userIds } }, select: { id: true, email: true } }) : [],
    appIds.length ? db.appRegistration.findMany({ where: { tenantId, id: { in: appIds } }, select: { id: true, name: true } }) : [],
    subnetIds.length ? db.subnet.findMany({ where: { tenantId, id: { in: subnetIds } }, select: { id: true, name: true } }) : [],
  ]);
  return new Map<string, string>([
    ...tokens.map((row): [string, string] => [row.id, row.name]),
    ...users.map((row): [string, string] => [row.id, row.email]),
    ...apps.map((row): [string, string] => [row.id, row.name]),
    ...subnets.map((row): [string, string] => [row.id, row.name]),
  ]);
}

function actorLabelOf(details: string): string | undefined {
  try {
    const parsed = JSON.parse(details) as { actor?: unknown };
    return typeof parsed.actor === "string" ? parsed.actor : undefined;
  } catch {
    return undefined;
  }
}

async function presentAuditRows(tenantId: string, events: EventRecord[]): Promise<AuditRow[]> {
  const personIds = events.map((event) => personIdsIn(event.details));
  const actorIds = [...new Set([...events.map((event) => event.actorUserId).filter((id): id is string => id !== null), ...personIds.flat()])];
  const [actors, targetNames] = await Promise.all([
    actorIds.length ? db.user.findMany({ where: { id: { in: actorIds }, tenantId }, select: { id: true, email: true } }) : [],
    lookUpTargetNames(tenantId, events),
  ]);
  const emailOf = new Map(actors.map((actor) => [actor.id, actor.email]));
  return events.map((event, index) => ({
    id: event.id,
    at: event.createdAt.toISOString(),
    actorUserId: event.actorUserId,
    actor: event.actorUserId ? (emailOf.get(event.actorUserId) ?? "a removed user") : (actorLabelOf(event.details) ?? "System"),
    action: event.action,
    activity: activityName(event.action),
    summary: activitySummary(event.action, event.details, event.occurrences),
    targetType: event.targetType,
    targetTypeName: targetTypeName(event.targetType),
    targetId: event.targetId,
    targetName: event.targetLabel ?? targetNames.get(event.targetId) ?? null,
    details: event.details,
    names: Object.fromEntries(personIds[index].flatMap((id) => (emailOf.has(id) ? [[id, emailOf.get(id)!]] : []))),
    occurrences: event.occurrences,
  }));
}
