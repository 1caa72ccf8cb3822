// Reading request bodies without trusting them: a size cap, JSON that must parse, and a clear 400
// (never a 500) when it does not.
import { AppError } from "@/lib/errors";

export const MAX_JSON_BYTES = 256 * 1024;

/** The parsed JSON body; an empty body reads as `{}`. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_JSON_BYTES) throw tooLarge();
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_JSON_BYTES) throw tooLarge();
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_request", "The body is not valid JSON.", { details: { _: ["expected a JSON object"] } });
  }
}

/** Parses the body with a zod schema; validation failures become a 400 with details (see withApiAuth). */
export async function readJsonObject<T>(request: Request, schema: { parse: (input: unknown) => T }): Promise<T> {
  return schema.parse(await readJsonBody(request));
}

function tooLarge(): AppError {
  return new AppError("payload_too_large", `The body is larger than ${MAX_JSON_BYTES / 1024} KiB.`);
}
