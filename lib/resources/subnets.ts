// IP ranges ("subnets" in the product's API): list, create, update, delete.
import { db, transaction } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { runListQuery, type ListQuery, type ResourceSpec } from "@/lib/resources/list-query";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/actor";
import type { Subnet } from "@/lib/db/generated/client";
import { newResourceId } from "@/lib/resources/ids";
import { SUBNET_CATEGORIES, type CreateSubnetInput, type UpdateSubnetInput } from "@/lib/resources/schemas/subnets";

// Tags live in a JSON text column; a tag matches when its JSON form (with quotes) is in that text.
const tagWhere = (tag: string) => ({ tagsJson: { contains: JSON.stringify(tag) } });

export const SUBNET_SPEC: ResourceSpec = {
  fields: {
    id: { type: "string", column: "id", operators: ["eq", "neq"] },
    name: { type: "string", column: "name", operators: ["eq", "neq", "contains"] },
    category: { type: "int", column: "category", operators: ["eq", "neq"], oneOf: Object.values(SUBNET_CATEGORIES) },
    organization: { type: "string", column: "organization", operators: ["eq", "neq", "contains", "isset", "isnotset"] },
    tags: {
      type: "string",
      operators: ["eq", "neq"],
      toWhere: (op, value) => (op === "eq" ? { OR: (value as string[]).map(tagWhere) } : { NOT: { OR: (value as string[]).map(tagWhere) } }),
    },
  },
  sortFields: { name: "name", category: "category", lastModified: "updatedAt" },
  defaultSort: { column: "name", direction: "asc" },
};

export function serializeSubnet(row: Subnet) {
  return {
    _id: row.id,
    name: row.name,
    category: row.category,
    organization: row.organization,
    subnets: (JSON.parse(row.cidrsJson) as string[]).map((cidr) => ({ originalString: cidr })),
    tags: (JSON.parse(row.tagsJson) as string[]).map((tag) => ({ name: tag })),
    lastModified: row.updatedAt.getTime(),
  };
}

export function listSubnets(tenantId: string, query: ListQuery) {
  return runListQuery(query, tenantId, (args) => db.subnet.findMany(args), (args) => db.subnet.count(args), serializeSubnet);
}

export async function createSubnet(actor: Actor, input: CreateSubnetInput) {
  const row = await transaction(async (tx) => {
    const created = await tx.subnet.create({
      data: {
        id: newResourceId(),
        tenantId: actor.tenantId,
        name: input.name,
        category: input.category,
        organization: input.organization ?? null,
        cidrsJson: JSON.stringify(input.subnets),
        tagsJson: JSON.stringify(input.tags ?? []),
      },
    });
    await recordAuditEvent({ tenantId: actor.tenantId, actorUserId: actor.userId, actorLabel: actor.label, action: "subnets.create", targetType: "subnet", targetId: created.id, details: { name: input.name } }, tx);
    return created;
  });
  return serializeSubnet(row);
}

export async function updateSubnet(actor: Actor, id: string, input: UpdateSubnetInput) {
  const row = await transaction(async (tx) => {
    const { count } = await tx.subnet.updateMany({
      where: { id, tenantId: actor.tenantId },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.category !== undefined ? { category: input.category } : {}),
        ...(input.organization !== undefined ? { organization: input.organization } : {}),
        ...(input.subnets !== undefined ? { cidrsJson: JSON.stringify(input.subnets) } : {}),
        ...(input.tags !== undefined ? { tagsJson: JSON.stringify(input.tags) } : {}),
      },
    });
    if (count === 0) throw new AppError("not_found", "No IP range with this id in this tenant.");
    await recordAuditEvent({ tenantId: actor.tenantId, actorUserId: actor.userId, actorLabel: actor.label, action: "subnets.update", targetType: "subnet", targetId: id, details: { fields: Object.keys(input) } }, tx);
    return tx.subnet.findFirstOrThrow({ where: { id, tenantId: actor.tenantId } });
  });
  return serializeSubnet(row);
}

export async function deleteSubnet(actor: Actor, id: string) {
  await transaction(async (tx) => {
    const { count } = await tx.subnet.deleteMany({ where: { id, tenantId: actor.tenantId } });
    if (count === 0) throw new AppError("not_found", "No IP range with this id in this tenant.");
    await recordAuditEvent({ tenantId: actor.tenantId, actorUserId: actor.userId, actorLabel: actor.label, action: "subnets.delete", targetType: "subnet", targetId: id }, tx);
  });
  return { _id: id, deleted: true };
}
