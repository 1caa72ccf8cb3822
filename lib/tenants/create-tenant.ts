import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { TENANT_SLUG_PATTERN } from "@/lib/tenants/tenant-url";

/** A new tenant, its slug checked (it becomes a host name): the seed's demo tenants and every test's. */
export async function createTenant(input: { slug: string; name: string }) {
  if (!TENANT_SLUG_PATTERN.test(input.slug)) throw new AppError("invalid_request", "A tenant slug is lowercase letters, digits and dashes (it becomes a host name).");
  return db.tenant.create({ data: { id: randomUUID(), slug: input.slug, name: input.name } });
}
