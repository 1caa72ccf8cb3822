// The key that signs session cookies (and from which the signing keys' encryption key is derived):
//   - NEXTAUTH_SECRET/AUTH_SECRET when set (every instance of a deployment must then share it);
//   - on PostgreSQL, otherwise, one secret kept in the database, so that instances started without it
//     still agree: the first to start inserts it (INSERT … ON CONFLICT DO NOTHING, so two instances
//     starting together keep one), and every instance reads that row;
//   - on SQLite (one machine), otherwise, one generated on first start and kept in the data folder
//     (never in the repository).
//
// authSecret() is synchronous (next-auth reads it when its options are built), so on PostgreSQL the
// secret is loaded before anything needs it: loadAuthSecret(), awaited by the boot of every server
// process (lib/server/boot.ts) and by any other process that signs or seals (the delivery worker
// process, test fixtures). Asked for before it was loaded, authSecret() throws rather than guess.
// A build never serves a request: it gets a throwaway value rather than needing the database.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { dataDir } from "@/lib/db/database-url";
import { databaseSecret, keepsSecretsInDatabase } from "@/lib/db/deployment-secret";
import { processState, type Owned } from "@/lib/process-state";
import { config, isNextBuild } from "@/lib/config";

declare module "@/lib/process-state" {
  interface ProcessState {
    authSecret: Owned<"lib/auth/auth-secret", string>;
  }
}

/** The DeploymentSecret row that holds the session secret. */
export const SESSION_SECRET_NAME = "session-secret";

const generate = () => randomBytes(32).toString("base64url");

export function authSecret(): string {
  // The environment is read each time (it is cheap); only the generated secret's file read is kept.
  const fromEnvironment = configured();
  if (fromEnvironment) return fromEnvironment;
  return processState("authSecret", readOrCreateSecret);
}

/**
 * Secrets in use before the current one (KEYPORT_PREVIOUS_SECRETS, comma-separated), newest first:
 * nothing is signed or sealed with them any more, they only open what they sealed, so rotating
 * NEXTAUTH_SECRET does not lose the data sealed with the old one.
 */
export function previousAuthSecrets(): string[] {
  return [...config.previousSecrets];
}

function configured(): string | undefined {
  return config.nextAuthSecret || config.authSecretAlias || undefined;
}

/** The database-kept secret when this process has loaded it already. */
function loadedSecret(): string | null {
  try {
    return authSecret();
  } catch {
    return null;
  }
}

function readOrCreateSecret(): string {
  const fromEnvironment = configured();
  if (fromEnvironment) return fromEnvironment;
  if (keepsSecretsInDatabase()) {
    if (isNextBuild()) return generate();
    throw new Error(
      "The session secret is kept in the database and was not loaded: await loadAuthSecret() when the process starts (the server's boot does), or set NEXTAUTH_SECRET.",
    );
  }
  const file = path.join(dataDir(), "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    const secret = generate();
    try {
      // "wx": if another process won the race, keep its secret.
      fs.writeFileSync(file, secret + "\n", { flag: "wx", mode: 0o600 });
      return secret;
    } catch {
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}

/**
 * Loads the secret before the server takes requests: on PostgreSQL without NEXTAUTH_SECRET it comes from
 * the database (made there by the first instance). A no-op when it is loaded already.
 */
export async function loadAuthSecret(): Promise<string> {
  const fromEnvironment = configured();
  if (fromEnvironment || !keepsSecretsInDatabase()) return authSecret();
  const loaded = loadedSecret();
  if (loaded) return loaded;
  const secret = await databaseSecret(SESSION_SECRET_NAME, generate);
  console.warn(
    "keyport: NEXTAUTH_SECRET is not set, so the session secret is kept in the database, beside what it protects: anyone who can read " +
      "a copy of the database (a backup, a replica) could sign sessions and open the OAuth signing keys. Set NEXTAUTH_SECRET on every instance.",
  );
  return processState("authSecret", () => secret);
}
