// What the HTTP front checks of a server-action request (a POST to a page that names an action in its
// Next-Action header, or a multipart form posted to a page) before Next reads it. Next refuses a
// cross-origin action, an Origin it cannot parse and a body it cannot decode by throwing, which it
// answers with a 500; here they are answered as what they are: 403 for another origin, 400 for a body
// that is not what a browser's action call sends.
//
// A browser encodes an action's arguments (React's reply format) as one JSON array in a text body, or,
// when an argument cannot be written inline (a Map, a Set, a promise, form data, a file), as a
// multipart form whose part "0" is that array and whose other parts ("1", "2" …) hold the outlined
// values, named from the array by strings such as "$1", "$Q2" or "$B3". A body is accepted only when
// it is that shape: every reference names a part the body holds, of a kind a portal action can take,
// and sent before part "0" (Next decodes the parts as they arrive, starting with "0").

/** Whether a request is one Next would treat as a server action (and so decode its body). */
export function isServerActionRequest(method: string, headers: { [name: string]: string | string[] | undefined }): boolean {
  if (method !== "POST") return false;
  return headers["next-action"] !== undefined || isMultipart(headers["content-type"]);
}

export function isMultipart(contentType: unknown): boolean {
  return typeof contentType === "string" && /^\s*multipart\/form-data\b/i.test(contentType);
}

/**
 * Whether the request's Origin may call an action: none (no browser leaves it out of a POST, so a
 * request without one carries nobody's session by accident), or exactly the origin the request was
 * addressed to. The whole serialized origin is compared: `http://localhost:3000.evil.example`,
 * `null` or another scheme or port are other origins.
 */
export function actionOriginAllowed(origin: string | string[] | undefined, ownOrigin: string): boolean {
  if (origin === undefined) return true;
  return typeof origin === "string" && origin === ownOrigin;
}

/** Deeper than any argument list a form of the portal sends; deep enough to stop a stack-eating body. */
const MAX_DEPTH = 64;

/** Strings that stand for a value by themselves: an escaped "$", undefined, NaN, ±Infinity, -0, a date, a BigInt, an opaque client value. */
const SELF_CONTAINED = /^\$(\$|u|I|N|-|H|D|T$|n-?\d{0,300}$)/;
/** A reference to another part: plain (with an optional path into it), a promise, a Map, a Set, an iterator. */
const MODEL_REFERENCE = /^\$([@QWi]?)([0-9a-f]{1,8})((?::[^:]*)*)$/;
const BLOB_REFERENCE = /^\$B([0-9a-f]{1,8})$/;
const FORM_REFERENCE = /^\$K[0-9a-f]{1,8}$/;

type Part = { value: string | { file: true }; index: number };

class Malformed extends Error {}

/**
 * Why an action body cannot be decoded, or null when it can. `parts` are the body's parts by name: a
 * text body is the single part "0".
 */
export function actionPayloadProblem(parts: Map<string, Part>): string | null {
  try {
    const root = parsePart(parts, "0");
    if (!Array.isArray(root)) return "The server action's payload must be a JSON array of its arguments.";
    const checked = new Set<string>(["0"]);
    const pending: string[] = [];
    const visit = (value: unknown, depth: number): void => {
      if (depth > MAX_DEPTH) throw new Malformed("The server action's payload is nested too deeply.");
      if (typeof value === "string") return checkString(value);
      if (value === null || typeof value !== "object") return;
      for (const item of Array.isArray(value) ? value : Object.values(value)) visit(item, depth + 1);
    };
    const checkString = (value: string): void => {
      if (value[0] !== "$" || SELF_CONTAINED.test(value)) return;
      if (FORM_REFERENCE.test(value) && parts.size > 1) return;
      const blob = BLOB_REFERENCE.exec(value);
      if (blob) return void partBeforeRoot(parts, partName(blob[1]));
      const reference = MODEL_REFERENCE.exec(value);
      if (!reference) throw new Malformed("The server action's payload holds a value of a kind no action takes.");
      const [, kind, id, path] = reference;
      const name = partName(id);
      const target = parsePart(parts, name);
      if (name !== "0") partBeforeRoot(parts, name);
      if (kind === "" && path) resolvePath(target, path);
      if ((kind === "Q" || kind === "W" || kind === "i") && !Array.isArray(target)) throw new Malformed("The server action's payload holds a collection that is not a list.");
      if (kind === "Q" && !(target as unknown[]).every((entry) => Array.isArray(entry) && entry.length === 2)) throw new Malformed("The server action's payload holds a map that is not a list of pairs.");
      // The argument list itself is never an argument (a repeated value is named by its path in it).
      if (name === "0" && !path) throw new Malformed("The server action's payload refers to itself.");
      if (!checked.has(name)) {
        checked.add(name);
        pending.push(name);
      }
    };
    visit(root, 0);
    while (pending.length) visit(parsePart(parts, pending.shift()!), 0);
    return null;
  } catch (error) {
    if (error instanceof Malformed) return error.message;
    throw error;
  }
}

/** React names a part by its number in decimal; references write it in hexadecimal. */
function partName(hex: string): string {
  return String(parseInt(hex, 16));
}

function partBeforeRoot(parts: Map<string, Part>, name: string): void {
  const part = parts.get(name);
  if (part === undefined) throw new Malformed("The server action's payload refers to a part it does not hold.");
  if (part.index > parts.get("0")!.index) throw new Malformed("The server action's payload refers to a part sent after its arguments.");
}

function parsePart(parts: Map<string, Part>, name: string): unknown {
  const part = parts.get(name)?.value;
  if (part === undefined) throw new Malformed(name === "0" ? "The server action's payload is missing." : "The server action's payload refers to a part it does not hold.");
  if (typeof part !== "string") throw new Malformed("The server action's payload has a file where its arguments belong.");
  try {
    return JSON.parse(part);
  } catch {
    throw new Malformed("The server action's payload is not valid JSON.");
  }
}

/** A path ("$0:1:name") must lead to a value that is there. */
function resolvePath(target: unknown, path: string): void {
  let value = target;
  for (const key of path.slice(1).split(":")) {
    if (value === null || typeof value !== "object" || !Object.prototype.hasOwnProperty.call(value, key)) {
      throw new Malformed("The server action's payload refers to a value it does not hold.");
    }
    value = (value as Record<string, unknown>)[key];
  }
}

/** The parts of an action body: a text body is part "0"; a multipart form is parsed (null: it cannot be). */
export async function actionBodyParts(contentType: string | undefined, body: Buffer): Promise<Map<string, Part> | null> {
  if (!isMultipart(contentType)) return new Map([["0", { value: body.toString("utf8"), index: 0 }]]);
  let form: FormData;
  try {
    form = await new Request("http://keyport.invalid/", { method: "POST", headers: { "content-type": contentType! }, body: new Uint8Array(body) }).formData();
  } catch {
    return null;
  }
  const parts = new Map<string, Part>();
  let index = 0;
  for (const [name, value] of form.entries()) {
    // Two parts of one number: which one the decoder takes is not a question worth answering.
    if (parts.has(name) && /^\d+$/.test(name)) return null;
    if (!parts.has(name)) parts.set(name, { value: typeof value === "string" ? value : { file: true }, index });
    index++;
  }
  return parts;
}
