// Entities (users, their accounts, IP addresses): listing, fetching, and the parent–child tree.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { runListQuery, type ListQuery, type ResourceSpec } from "@/lib/resources/list-query";
import type { Entity } from "@/lib/db/generated/client";

export const ENTITY_TYPES = ["user", "account", "ip"] as const;

export const ENTITY_SPEC: ResourceSpec = {
  fields: {
    id: { type: "string", column: "id", operators: ["eq", "neq"] },
    type: { type: "string", column: "type", operators: ["eq", "neq"], oneOf: ENTITY_TYPES },
    displayName: { type: "string", column: "displayName", operators: ["eq", "neq", "contains"] },
    email: { type: "string", column: "email", operators: ["eq", "neq", "contains", "isset", "isnotset"] },
    domain: { type: "string", column: "domain", operators: ["eq", "neq", "contains", "isset", "isnotset"] },
    isAdmin: { type: "bool", column: "isAdmin", operators: ["eq"] },
    isExternal: { type: "bool", column: "isExternal", operators: ["eq"] },
    threatScore: { type: "int", column: "threatScore", operators: ["eq", "neq", "gt", "gte", "lt", "lte", "range"] },
    parent: { type: "string", column: "parentId", operators: ["eq", "neq", "isset", "isnotset"] },
    lastSeen: { type: "date", column: "lastSeenAt", operators: ["gt", "gte", "lt", "lte", "range"] },
  },
  sortFields: { lastSeen: "lastSeenAt", displayName: "displayName", threatScore: "threatScore" },
  defaultSort: { column: "lastSeenAt", direction: "desc" },
};

export function serializeEntity(row: Entity) {
  return {
    _id: row.id,
    type: row.type,
    displayName: row.displayName,
    email: row.email,
    domain: row.domain,
    isAdmin: row.isAdmin,
    isExternal: row.isExternal,
    threatScore: row.threatScore,
    parent: row.parentId,
    lastSeen: row.lastSeenAt.getTime(),
  };
}

export function listEntities(tenantId: string, query: ListQuery) {
  return runListQuery(query, tenantId, (args) => db.entity.findMany(args), (args) => db.entity.count(args), serializeEntity);
}

export async function getEntity(tenantId: string, id: string) {
  const row = await db.entity.findFirst({ where: { id, tenantId } });
  if (!row) throw new AppError("not_found", "No entity with this id in this tenant.");
  return serializeEntity(row);
}

type TreeNode = ReturnType<typeof serializeEntity> & { children: TreeNode[] };

/** Deepest tree we walk: the model allows any depth, a response should not. */
export const MAX_TREE_DEPTH = 5;

/** The entity with its descendants, one query per level. */
export async function getEntityTree(tenantId: string, id: string): Promise<TreeNode> {
  const root = await db.entity.findFirst({ where: { id, tenantId } });
  if (!root) throw new AppError("not_found", "No entity with this id in this tenant.");
  const nodes = new Map<string, TreeNode>([[root.id, { ...serializeEntity(root), children: [] }]]);
  let level = [root.id];
  for (let depth = 0; depth < MAX_TREE_DEPTH && level.length; depth++) {
    const children = await db.entity.findMany({ where: { tenantId, parentId: { in: level } }, orderBy: { displayName: "asc" }, take: 1000 });
    for (const child of children) {
      const node = { ...serializeEntity(child), children: [] };
      nodes.set(child.id, node);
      nodes.get(child.parentId!)?.children.push(node);
    }
    level = children.map((child) => child.id);
  }
  return nodes.get(root.id)!;
}
