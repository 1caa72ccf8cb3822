import { db } from "@/lib/db/client";

export function getTenantBySlug(slug: string) {
  return db.tenant.findUnique({ where: { slug } });
}
