import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { TENANT_SLUG_PATTERN } from "@/lib/tenants/tenant-url";

/**
 * A new tenant's longest token lifetime: 1 year, so a token that never expires is made only once an
 * admin has chosen to allow it (tokens that live forever are the ones that leak).
 */
export const NEW_TENANT_MAX_LIFETIME_DAYS = 365;

/** A new tenant, its slug checked (it becomes a host name): the seed's demo tenants and every test's. */
export async function createTenant(input: { slug: string; name: string; maxTokenLifetimeDays?: number | null }) {
  if (!TENANT_SLUG_PATTERN.test(input.slug)) throw new AppError("invalid_request", "A tenant slug is lowercase letters, digits and dashes (it becomes a host name).");
  const maxTokenLifetimeDays = input.maxTokenLifetimeDays === undefined ? NEW_TENANT_MAX_LIFETIME_DAYS : input.maxTokenLifetimeDays;
  return db.tenant.create({ data: { id: randomUUID(), slug: input.slug, name: input.name, maxTokenLifetimeDays } });
}
