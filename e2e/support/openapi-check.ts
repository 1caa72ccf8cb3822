// Every answer an end-to-end test receives from /api/v1/ is checked against the API's OpenAPI document
// (the same one GET /api/v1/openapi.json serves, made from lib/api/openapi/): its status must be one the
// operation documents (or its `default` error), its content type one documented for that status, its
// body valid against that response's schema and its documented headers present. A mismatch throws,
// so the test that got the answer fails, naming the operation and what differs.
//
// The validator is openapi-backend's (it matches the request to its operation and compiles each
// response schema), given Ajv's JSON Schema 2020-12 dialect, which OpenAPI 3.1 schemas are written in.
import { OpenAPIBackend, type Document, type Operation } from "openapi-backend";
import Ajv2020 from "ajv/dist/2020";
import { openApiDocument } from "@/lib/api/openapi/document";

export type ApiAnswer = { method: string; path: string; status: number; headers: Record<string, string | string[] | undefined>; text: string };

let backend: Promise<OpenAPIBackend> | undefined;

function openApi(): Promise<OpenAPIBackend> {
  backend ??= (async () => {
    const api = new OpenAPIBackend({
      definition: inlineRefs(openApiDocument()) as Document,
      strict: true,
      // Validators are compiled for the operations a test meets, when it meets them: compiling all of
      // them up front costs a worker 20 s of CPU on a 2-core machine. (It also skips openapi-backend's
      // own check of the document, which knows OpenAPI 3.0 only: npm test lints the 3.1 document with
      // Redocly instead.)
      quick: true,
      customizeAjv: (_ajv, options) => new Ajv2020({ ...options, strict: false, allErrors: true, validateFormats: false }),
    });
    await api.init();
    return api;
  })();
  return backend;
}

/**
 * The document with every local `$ref` replaced by what it names. openapi-backend's quick mode resolves
 * only some of them; the document has no cycles (the entity tree is written out level by level).
 */
function inlineRefs(document: object): unknown {
  const resolve = (pointer: string): unknown =>
    pointer
      .slice(2)
      .split("/")
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key.replace(/~1/g, "/").replace(/~0/g, "~")], document);
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== "object") return node;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === "string" && ref.startsWith("#/")) return walk(resolve(ref));
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, walk(value)]));
  };
  return walk(document);
}

/** The path as the document writes it: no query, no trailing slash (the routes answer both ways). */
function documentedPath(path: string): string {
  const bare = path.split("?")[0].split("#")[0];
  return bare.length > 1 ? bare.replace(/\/+$/, "") : bare;
}

function headerValue(headers: ApiAnswer["headers"], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : value;
}

type ResponseObject = { content?: Record<string, { schema?: unknown }>; headers?: Record<string, { required?: boolean }> };

function responseFor(operation: Operation, status: number): { key: string; response: ResponseObject } | undefined {
  const responses = (operation.responses ?? {}) as Record<string, ResponseObject>;
  for (const key of [String(status), `${String(status)[0]}XX`, "default"]) {
    if (responses[key]) return { key, response: responses[key] };
  }
  return undefined;
}

/** What differs between the answer and the document; empty when it matches. */
export async function openApiMismatches(answer: ApiAnswer): Promise<string[]> {
  const api = await openApi();
  const path = documentedPath(answer.path);
  let operation: Operation | undefined;
  try {
    operation = api.matchOperation({ method: answer.method.toLowerCase(), path, headers: {} });
  } catch {
    operation = undefined; // a path no router can read (malformed escapes): refused at the edge
  }
  if (!operation) {
    // A path or method the API does not have, or a request refused before any route: the error envelope.
    if (answer.status >= 400) return envelopeMismatches(answer);
    return [`${answer.method} ${path} is not an operation of the OpenAPI document (status ${answer.status})`];
  }
  const documented = responseFor(operation, answer.status);
  const name = `${operation.operationId} (${answer.method} ${path}) answered ${answer.status}`;
  if (!documented) return [`${name}: the document has no response for this status`];

  const problems: string[] = [];
  const contentType = (headerValue(answer.headers, "content-type") ?? "").split(";")[0].trim().toLowerCase();
  const types = Object.keys(documented.response.content ?? {});
  if (types.length && !types.includes(contentType)) problems.push(`${name}: content type '${contentType}', documented: ${types.join(", ")}`);
  for (const [header, object] of Object.entries(documented.response.headers ?? {})) {
    if (object.required !== false && headerValue(answer.headers, header) === undefined) problems.push(`${name}: no ${header} header`);
  }
  if (contentType === "application/json") {
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      return [...problems, `${name}: the body is not JSON: ${answer.text.slice(0, 200)}`];
    }
    const result = api.validateResponse(body, operation, answer.status);
    for (const error of result.errors ?? []) {
      problems.push(`${name}: body${error.instancePath || ""} ${error.message}${error.params ? ` ${JSON.stringify(error.params)}` : ""}`);
    }
  }
  return problems;
}

/** The error envelope every refusal shares, for answers no operation owns (an unknown path or method). */
async function envelopeMismatches(answer: ApiAnswer): Promise<string[]> {
  const api = await openApi();
  const whoami = api.getOperation("whoami");
  if (!whoami) return ["the document has no whoami operation"];
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return [`${answer.method} ${answer.path} answered ${answer.status} without a JSON body`];
  }
  const result = api.validateResponse(body, whoami, 599);
  return (result.errors ?? []).map((error) => `${answer.method} ${answer.path} answered ${answer.status}: body${error.instancePath} ${error.message}`);
}

/**
 * Throws when an /api/v1/ answer does not match the document. Not checked: other paths; HEAD and
 * OPTIONS, answered by the framework without a body; and redirects, which Next answers before any route
 * when it normalises a path (`//`, an over-long URL), so that no operation owns them.
 */
export async function assertMatchesOpenApi(answer: ApiAnswer): Promise<void> {
  if (!documentedPath(answer.path).startsWith("/api/v1/")) return;
  if (["HEAD", "OPTIONS"].includes(answer.method.toUpperCase()) || (answer.status >= 300 && answer.status < 400)) return;
  const problems = await openApiMismatches(answer);
  if (problems.length) throw new Error(`The answer does not match the OpenAPI document:\n  ${problems.join("\n  ")}\nbody: ${answer.text.slice(0, 500)}`);
}
