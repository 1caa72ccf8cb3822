// GET and POST handlers for a list endpoint: the same list contract on every resource.
import { withApiAuth } from "@/lib/api/with-api-auth";
import { readListQuery, type ListPage, type ListQuery, type ResourceSpec } from "@/lib/api/list-query";
import type { Action } from "@/lib/permissions";

export function listRoute<T>(spec: ResourceSpec, list: (tenantId: string, query: ListQuery) => Promise<ListPage<T>>, action: Action) {
  const handler = withApiAuth(async (request, { principal }) => list(principal.tenant.id, await readListQuery(request, spec)), { action });
  return { GET: handler, POST: handler };
}
