// The demo users' password: KEYPORT_DEMO_PASSWORD when set; otherwise generated once and kept in
// the data folder (readable by its owner only) so every quickstart run can say what it is.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { dataDir } from "@/lib/db/database-url";
import { config } from "@/lib/config";

export function demoPassword(): { password: string; source: "environment" | "generated" } {
  if (config.demoPassword) return { password: config.demoPassword, source: "environment" };
  const file = path.join(dataDir(), "demo-password");
  if (fs.existsSync(file)) return { password: fs.readFileSync(file, "utf8").trim(), source: "generated" };
  const password = randomBytes(12).toString("base64url");
  fs.writeFileSync(file, password + "\n", { mode: 0o600 });
  return { password, source: "generated" };
}

export function demoPasswordFile(): string {
  return path.join(dataDir(), "demo-password");
}
