import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";

const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export async function createTenant(input: { slug: string; name: string }) {
  if (!SLUG_PATTERN.test(input.slug)) throw new Error("A tenant slug is lowercase letters, digits and dashes (it becomes a host name).");
  return db.tenant.create({ data: { id: randomUUID(), slug: input.slug, name: input.name } });
}
