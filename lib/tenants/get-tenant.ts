import { db } from "@/lib/db/client";

/** A tenant named in a URL path: by its id (what OAuth clients use) or its slug. */
export function getTenantByIdOrSlug(idOrSlug: string) {
  return db.tenant.findFirst({ where: { OR: [{ id: idOrSlug }, { slug: idOrSlug }] } });
}
