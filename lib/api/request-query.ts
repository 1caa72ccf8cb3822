// Reading a request's query string against a zod schema: each parameter is read once (a repeated one
// keeps its first value), and a failure is an invalid_request (400) naming each parameter.
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { zodDetails } from "@/lib/validation/zod-details";

export function readQuery<Schema extends z.ZodType>(request: Request, schema: Schema, message = "The query string is not valid: see error.details."): z.output<Schema> {
  const params = new URL(request.url).searchParams;
  const candidate: Record<string, string> = {};
  for (const [key, value] of params) if (!Object.hasOwn(candidate, key)) candidate[key] = value;
  const parsed = schema.safeParse(candidate);
  if (!parsed.success) throw new AppError("invalid_request", message, { details: zodDetails(parsed.error) });
  return parsed.data;
}
