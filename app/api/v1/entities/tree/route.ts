import { z } from "zod";
import { withApiAuth } from "@/lib/api/with-api-auth";
import { readJsonObject } from "@/lib/api/request-body";
import { getEntityTree } from "@/lib/resources/entities";
import { otherMethods } from "@/lib/api/other-methods";

// The product sends {"id": {"id": "…", "saas": …, "inst": …}}; a plain {"id": "…"} is accepted too.
const treeBody = z
  .object({ id: z.union([z.string().min(1).max(100), z.object({ id: z.string().min(1).max(100) }).passthrough()]) })
  .strict();

export const POST = withApiAuth(
  async (request, { principal }) => {
    const { id } = await readJsonObject(request, treeBody);
    return { data: await getEntityTree(principal.tenant.id, typeof id === "string" ? id : id.id) };
  },
  { action: "entities.list" },
);
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
