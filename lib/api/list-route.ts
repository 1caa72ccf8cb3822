// GET and POST handlers for a list endpoint: the same list request on every resource.
import { withApiAuth } from "@/lib/api/with-api-auth";
import { readListQuery } from "@/lib/api/list-request";
import type { ListPage, ListQuery, ResourceSpec } from "@/lib/resources/list-query";
import type { Action } from "@/lib/permissions";

export function listRoute<T>(spec: ResourceSpec, list: (tenantId: string, query: ListQuery) => Promise<ListPage<T>>, action: Action) {
  const handler = withApiAuth(async (request, { principal }) => list(principal.tenant.id, await readListQuery(request, spec)), { action });
  return { GET: handler, POST: handler };
}
