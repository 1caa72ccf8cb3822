// The e2e suite's typed API client: openapi-fetch over the types openapi-typescript makes of the
// OpenAPI document (openapi-types.ts), so a spec that calls the API this way is checked by the compiler
// against the document, and every answer it gets is checked against the document at run time (it
// travels through callApi, like every other API call of the suite).
import createClient from "openapi-fetch";
import { callApi, type CallOptions } from "./api-client";
import type { paths } from "./openapi-types";

export type { paths, components } from "./openapi-types";

/** A client that speaks to the run's server with `Authorization: Token <token>` (or no credential). */
export function typedApi(options: Pick<CallOptions, "token" | "authorization" | "host" | "port" | "instance"> = {}) {
  return createClient<paths>({
    baseUrl: "http://keyport.test",
    fetch: async (request: Request) => {
      const url = new URL(request.url);
      const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
      const answer = await callApi(url.pathname + url.search, {
        ...options,
        method: request.method,
        body,
        contentType: request.headers.get("content-type") ?? undefined,
      });
      const headers = new Headers();
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
      }
      return new Response(answer.text, { status: answer.status, headers });
    },
  });
}
