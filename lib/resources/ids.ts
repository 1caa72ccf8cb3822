import { randomBytes } from "node:crypto";

/** Resource ids look like the product's: 24 hex characters. */
export function newResourceId(): string {
  return randomBytes(12).toString("hex");
}

export const ms = (date: Date | null | undefined): number | null => (date ? date.getTime() : null);
