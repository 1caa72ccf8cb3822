// The key that signs session cookies: NEXTAUTH_SECRET/AUTH_SECRET when set, otherwise one
// generated on first start and kept in the data folder (never in the repository).
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { dataDir } from "@/lib/db/database-url";

let cached: string | undefined;

export function authSecret(): string {
  if (cached) return cached;
  const configured = process.env.NEXTAUTH_SECRET || process.env.AUTH_SECRET;
  if (configured) return (cached = configured);
  const file = path.join(dataDir(), "auth-secret");
  try {
    cached = fs.readFileSync(file, "utf8").trim();
  } catch {
    const secret = randomBytes(32).toString("base64url");
    try {
      // "wx": if another process won the race, keep its secret.
      fs.writeFileSync(file, secret + "\n", { flag: "wx", mode: 0o600 });
      cached = secret;
    } catch {
      cached = fs.readFileSync(file, "utf8").trim();
    }
  }
  return cached;
}
