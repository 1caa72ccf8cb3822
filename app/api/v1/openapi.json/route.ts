import { openApiDocument } from "@/lib/api/openapi/document";
import { otherMethods } from "@/lib/api/other-methods";

/** The API's OpenAPI 3.1 document, without authentication: clients are generated from it. */
export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "no-store" } });
}
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
