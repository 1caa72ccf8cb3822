// The key that signs session cookies: NEXTAUTH_SECRET/AUTH_SECRET when set, otherwise one
// generated on first start and kept in the data folder (never in the repository).
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { dataDir } from "@/lib/db/database-url";
import { processState, type Owned } from "@/lib/process-state";

declare module "@/lib/process-state" {
  interface ProcessState {
    authSecret: Owned<"lib/auth/auth-secret", string>;
  }
}

export function authSecret(): string {
  // The environment is read each time (it is cheap); only the generated secret's file read is kept.
  const configured = process.env.NEXTAUTH_SECRET || process.env.AUTH_SECRET;
  if (configured) return configured;
  return processState("authSecret", readOrCreateSecret);
}

/**
 * Secrets in use before the current one (KEYPORT_PREVIOUS_SECRETS, comma-separated), newest first:
 * nothing is signed or sealed with them any more, they only open what they sealed, so rotating
 * NEXTAUTH_SECRET does not lose the data sealed with the old one.
 */
export function previousAuthSecrets(): string[] {
  return (process.env.KEYPORT_PREVIOUS_SECRETS ?? "")
    .split(",")
    .map((secret) => secret.trim())
    .filter(Boolean);
}

function readOrCreateSecret(): string {
  const file = path.join(dataDir(), "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    const secret = randomBytes(32).toString("base64url");
    try {
      // "wx": if another process won the race, keep its secret.
      fs.writeFileSync(file, secret + "\n", { flag: "wx", mode: 0o600 });
      return secret;
    } catch {
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}
