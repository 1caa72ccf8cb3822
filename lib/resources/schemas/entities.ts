// What clients may send about entities: the root of an entity tree.
import { z } from "zod";

/**
 * POST /api/v1/entities/tree/. The product sends {"id": {"id": "…", "saas": …, "inst": …}}; a plain
 * {"id": "…"} is accepted too. Either way it reads as the entity's id.
 */
export const entityTreeBody = z
  .object({ id: z.union([z.string().min(1).max(100), z.object({ id: z.string().min(1).max(100) }).passthrough()]) })
  .strict()
  .transform(({ id }) => (typeof id === "string" ? id : id.id));
