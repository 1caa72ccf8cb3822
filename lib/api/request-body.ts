// Reading JSON request bodies without trusting them: at most 256 KiB, read as a stream and refused
// the moment it is longer (lib/http/read-body.ts), JSON that must parse, and a clear 400 (never a
// 500) when it does not.
import { AppError } from "@/lib/errors";
import { BODY_LIMITS, describeBytes } from "@/lib/http/body-limits";
import { readBodyText } from "@/lib/http/read-body";

export const MAX_JSON_BYTES = BODY_LIMITS.json;

/** The parsed JSON body; an empty body reads as `{}`. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const text = await readBodyText(request, MAX_JSON_BYTES, tooLarge);
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
  return new AppError("payload_too_large", `The body is larger than ${describeBytes(MAX_JSON_BYTES)}.`);
}
