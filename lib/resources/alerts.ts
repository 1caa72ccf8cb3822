// Alerts: listing, read/unread, and closing (benign, false positive, true positive).
import { db, transaction } from "@/lib/db/client";
import { readRows } from "@/lib/db/direct-read";
import { AppError } from "@/lib/errors";
import { buildListQuery, filtersToWhere, runListQuery, type ListPage, type ListQuery, type ResourceSpec } from "@/lib/resources/list-query";
import { jsonColumn, pageSql, type SqlTable } from "@/lib/resources/list-sql";
import { jsonArrayOfObjects } from "@/lib/db/sql-dialect";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/actor";
import { ms } from "@/lib/resources/ids";
import type { AlertsPageQuery, CloseAlertsInput, CloseReason } from "@/lib/resources/schemas/alerts";

export const RESOLUTION = { OPEN: 0, FALSE_POSITIVE: 3, BENIGN: 4, TRUE_POSITIVE: 5 } as const;
/** Words for the API's numbers, for the portal. */
export const SEVERITY_LABELS = ["Low", "Medium", "High"] as const;
export const RESOLUTION_LABELS: Record<number, string> = { 0: "Open", 3: "False positive", 4: "Benign", 5: "True positive" };
const CLOSE_STATUS: Record<CloseReason, number> = {
  benign: RESOLUTION.BENIGN,
  false_positive: RESOLUTION.FALSE_POSITIVE,
  true_positive: RESOLUTION.TRUE_POSITIVE,
};

export const ALERT_SPEC: ResourceSpec = {
  fields: {
    id: { type: "string", column: "id", operators: ["eq", "neq"] },
    title: { type: "string", column: "title", operators: ["eq", "neq", "contains"] },
    severity: { type: "int", column: "severity", operators: ["eq", "neq", "gt", "gte", "lt", "lte"], oneOf: [0, 1, 2] },
    resolutionStatus: { type: "int", column: "resolutionStatus", operators: ["eq", "neq"], oneOf: [0, 3, 4, 5] },
    read: { type: "bool", column: "isRead", operators: ["eq"] },
    alertOpen: {
      type: "bool",
      operators: ["eq"],
      toWhere: (_op, value) => {
        const wanted = value as boolean[];
        if (wanted.includes(true) && wanted.includes(false)) return {};
        return wanted[0] ? { resolutionStatus: RESOLUTION.OPEN } : { resolutionStatus: { not: RESOLUTION.OPEN } };
      },
    },
    date: { type: "date", column: "createdAt", operators: ["gt", "gte", "lt", "lte", "range"] },
    resolutionDate: { type: "date", column: "resolvedAt", operators: ["gt", "gte", "lt", "lte", "range", "isset", "isnotset"] },
    policy: { type: "string", column: "policyName", operators: ["eq", "neq", "contains"] },
    "entity.entity": {
      type: "string",
      operators: ["eq", "neq"],
      toWhere: (op, value) =>
        op === "eq"
          ? { entities: { some: { entityId: { in: value } } } }
          : { entities: { none: { entityId: { in: value } } } },
    },
    comment: { type: "string", column: "comment", operators: ["contains", "isset", "isnotset"] },
  },
  sortFields: { date: "createdAt", severity: "severity", resolutionStatus: "resolutionStatus", resolutionDate: "resolvedAt" },
  defaultSort: { column: "createdAt", direction: "desc" },
};

// Entities in id order: without an order PostgreSQL hands the join rows back in whatever order its plan
// reads them (SQLite in key order), and a list and its single reads would disagree.
const include = { entities: { orderBy: { entityId: "asc" }, include: { entity: { select: { id: true, type: true, displayName: true } } } } } as const;
type AlertRow = NonNullable<Awaited<ReturnType<typeof findAlertRow>>>;

function findAlertRow(tenantId: string, id: string) {
  return db.alert.findFirst({ where: { id, tenantId }, include });
}

type EntityRef = { id: string; type: string; label: string };
type AlertFields = Omit<AlertRow, "entities" | "tenantId" | "updatedAt">;

export function serializeAlert(row: AlertRow) {
  return alertOutput(row, row.entities.map(({ entity }) => ({ id: entity.id, type: entity.type, label: entity.displayName })));
}

/** An alert as the API and the portal show it. */
function alertOutput(row: AlertFields, entities: EntityRef[]) {
  return {
    _id: row.id,
    timestamp: row.createdAt.getTime(),
    title: row.title,
    description: row.description,
    severityValue: row.severity,
    resolutionStatusValue: row.resolutionStatus,
    isOpen: row.resolutionStatus === RESOLUTION.OPEN,
    isRead: row.isRead,
    policy: { label: row.policyName },
    entities,
    comment: row.comment,
    resolveTime: ms(row.resolvedAt),
    handledByUser: row.resolvedBy,
  };
}

type SerializedAlert = ReturnType<typeof serializeAlert>;

/** The alerts list (API and portal): one SQL statement when the query allows, Prisma's four queries otherwise. */
export async function listAlerts(tenantId: string, query: ListQuery): Promise<ListPage<SerializedAlert>> {
  return (await listAlertsInOneStatement(tenantId, query)) ?? listAlertsThroughPrisma(tenantId, query);
}

/** The same list through Prisma's queries: for what the one statement does not translate (and to check it against). */
export function listAlertsThroughPrisma(tenantId: string, query: ListQuery): Promise<ListPage<SerializedAlert>> {
  return runListQuery(
    query,
    tenantId,
    (args) => db.alert.findMany({ ...args, include }),
    (args) => db.alert.count(args),
    serializeAlert,
  );
}

const ALERT_TABLE: SqlTable = {
  table: "Alert",
  columns: {
    id: {},
    tenantId: {},
    title: {},
    description: {},
    severity: {},
    resolutionStatus: {},
    isRead: {},
    policyName: {},
    comment: { nullable: true },
    resolvedAt: { nullable: true },
    resolvedBy: { nullable: true },
    createdAt: {},
  },
  relations: { entities: { table: "AlertEntity", foreignKey: "alertId", columns: { alertId: {}, entityId: {} } } },
};

/** An alert's entities as a JSON array, in entity id order as `include` asks. */
function entitiesJson(alias: string): string {
  const entity = `'id', e."id", 'type', e."type", 'label', e."displayName"`;
  const from = `FROM "AlertEntity" ae JOIN "Entity" e ON e."id" = ae."entityId" WHERE ae."alertId" = ${alias}."id"`;
  return jsonArrayOfObjects(entity, from, `ae."entityId"`);
}

type AlertSqlRow = AlertFields & { entities: unknown; total: bigint | number | string };

export async function listAlertsInOneStatement(tenantId: string, query: ListQuery): Promise<ListPage<SerializedAlert> | null> {
  const columns = ["id", "createdAt", "title", "description", "severity", "resolutionStatus", "isRead", "policyName", "comment", "resolvedAt", "resolvedBy"];
  const sql = pageSql({ ...query, take: query.take + 1 }, tenantId, ALERT_TABLE, (alias) => [...columns.map((column) => `${alias}."${column}"`), `${entitiesJson(alias)} AS "entities"`].join(", "));
  if (!sql) return null;
  const rows = await readRows<AlertSqlRow>(sql.page.sql, sql.page.args);
  // No row to carry the total: a page past the end needs the count alone (a first page with no row has none to count).
  const total = rows.length ? Number(rows[0].total) : query.skip === 0 ? 0 : Number((await readRows<{ total: bigint | number | string }>(sql.count.sql, sql.count.args))[0].total);
  return {
    data: rows.slice(0, query.take).map((row) =>
      alertOutput(
        // The drivers already give these types for these columns; kept exact whatever a driver hands back.
        { ...row, isRead: Boolean(row.isRead), createdAt: new Date(row.createdAt), resolvedAt: row.resolvedAt === null ? null : new Date(row.resolvedAt) },
        jsonColumn<EntityRef>(row.entities),
      ),
    ),
    hasNext: rows.length > query.take,
    total,
  };
}

export async function getAlert(tenantId: string, id: string) {
  const row = await findAlertRow(tenantId, id);
  if (!row) throw new AppError("not_found", "No alert with this id in this tenant.");
  return serializeAlert(row);
}

export async function setAlertRead(actor: Actor, id: string, isRead: boolean) {
  const { count } = await db.alert.updateMany({ where: { id, tenantId: actor.tenantId }, data: { isRead } });
  if (count === 0) throw new AppError("not_found", "No alert with this id in this tenant.");
  return getAlert(actor.tenantId, id);
}

/**
 * Closes the open alerts the filters select. Filters are required: an empty filter would close every
 * alert of the tenant, which is never what a script meant.
 */
export async function closeAlerts(actor: Actor, input: Pick<CloseAlertsInput, "filters" | "comment">, reason: CloseReason) {
  if (Object.keys(input.filters).length === 0) {
    throw new AppError("invalid_request", "Say which alerts to close.", { details: { filters: ["give at least one filter, for example {\"id\": {\"eq\": [\"…\"]}}"] } });
  }
  const selected = filtersToWhere(input.filters, ALERT_SPEC);
  const status = CLOSE_STATUS[reason];
  const closed = await transaction(async (tx) => {
    const where = { AND: [{ tenantId: actor.tenantId, resolutionStatus: RESOLUTION.OPEN }, selected] };
    const targets = await tx.alert.findMany({ where, select: { id: true } });
    if (targets.length === 0) return [];
    const ids = targets.map((target) => target.id);
    await tx.alert.updateMany({
      where: { id: { in: ids }, tenantId: actor.tenantId },
      data: { resolutionStatus: status, resolvedAt: new Date(), resolvedBy: actor.label, comment: input.comment ?? null, isRead: true },
    });
    await recordAuditEvent(
      { tenantId: actor.tenantId, actorUserId: actor.userId, actorLabel: actor.label, action: `alerts.close_${reason}`, targetType: "alert", targetId: ids.length === 1 ? ids[0] : `${ids.length} alerts`, details: { ids: ids.slice(0, 100), count: ids.length, comment: input.comment ?? null } },
      tx,
    );
    return ids;
  });
  return { [`closed_${reason}`]: closed.length, closed: closed.length, ids: closed };
}

export const ALERTS_PAGE_SIZE = 25;

/** The portal's alerts page: the same list query as the API, its filters read from the page URL. */
export function listAlertsForPage(tenantId: string, state: AlertsPageQuery) {
  const filters: Record<string, Record<string, unknown>> = {};
  if (state.state !== "all") filters.alertOpen = { eq: state.state === "open" };
  if (state.severity !== "all") filters.severity = { eq: [Number(state.severity)] };
  return listAlerts(
    tenantId,
    buildListQuery({ filters, sortField: state.sort, sortDirection: state.dir, skip: (state.page - 1) * ALERTS_PAGE_SIZE, limit: ALERTS_PAGE_SIZE }, ALERT_SPEC),
  );
}
