import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTION_SCOPES } from "@/lib/permissions";
import { openApiDocument } from "@/lib/api/openapi/document";
import { OPERATIONS } from "@/lib/api/openapi/operations";

const API_DIR = path.resolve(__dirname, "../../../app/api/v1");

/** Each route folder under app/api/v1 as the document writes its path: /api/v1/alerts/{id}/read. */
function routePaths(dir = API_DIR, prefix = "/api/v1"): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name === "route.ts") found.push(prefix);
    if (entry.isDirectory()) found.push(...routePaths(path.join(dir, entry.name), `${prefix}/${entry.name.replace(/^\[(\w+)\]$/, "{$1}")}`));
  }
  return found;
}

describe("the OpenAPI document", () => {
  const document = openApiDocument();

  it("describes every route under /api/v1/, and nothing else", () => {
    expect(Object.keys(document.paths ?? {}).sort()).toEqual(routePaths().sort());
  });

  it("is OpenAPI 3.1 with the Token and Bearer (client credentials) schemes", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.components?.securitySchemes?.Token).toMatchObject({ type: "apiKey", in: "header", name: "Authorization" });
    expect(document.components?.securitySchemes?.Bearer).toMatchObject({ type: "oauth2", flows: { clientCredentials: { tokenUrl: "/{tenantId}/oauth2/v2.0/token" } } });
  });

  it("gives each operation the scopes of its action in the permission map, any one of them allowing it", () => {
    for (const operation of OPERATIONS) {
      const documented = document.paths?.[operation.path]?.[operation.method];
      expect(documented?.operationId).toBe(operation.operationId);
      if (operation.action === null) {
        expect(documented?.security).toEqual([]);
        continue;
      }
      const scopes = ACTION_SCOPES[operation.action];
      expect(documented?.security).toEqual(scopes.flatMap((scope) => [{ Token: [scope] }, { Bearer: [scope] }]));
      expect(Object.keys(documented?.responses ?? {})).toEqual(expect.arrayContaining(["401", "403", "429", "503", "default"]));
    }
  });

  it("names the error codes each refusal carries", () => {
    const forbidden = document.components?.schemas?.ForbiddenError as { properties: { error: { properties: { code: { enum: string[] } } } } };
    expect(forbidden.properties.error.properties.code.enum.sort()).toEqual(["forbidden", "ip_not_allowed", "permission_denied"]);
  });
});
