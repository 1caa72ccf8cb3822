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
  return processState("authSecret", readOrCreateSecret);
}

function readOrCreateSecret(): string {
  const configured = process.env.NEXTAUTH_SECRET || process.env.AUTH_SECRET;
  if (configured) return configured;
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
