// A Prisma generator (declared in both schemas) that makes `prisma generate` also generate the other
// provider's client: run on prisma/schema.prisma it generates the PostgreSQL client, run on the
// PostgreSQL schema (when DATABASE_URL is postgresql://) it generates the SQLite one. The server
// picks its client at start from DATABASE_URL, so both must exist whichever database the build saw.
//
// Prisma talks to a generator over JSON-RPC: requests arrive on stdin, answers go to stderr, one JSON
// object a line. Whatever else this process prints must therefore go to stdout.
import readline from "node:readline";
import path from "node:path";
import { SCHEMA_FILES } from "./schema-files";
import { postgresSchemaIsCurrent } from "./pg-schema";
import { runPrisma } from "./prisma-cli";

/** Set for the nested `prisma generate`, whose own copy of this generator must then do nothing. */
const NESTED = "KEYPORT_GENERATING_OTHER_CLIENT";

// The datasource URL must match the schema's provider, or the CLI sets out to download a native
// query engine. The client is generated without connecting, so any URL of the right kind will do.
const PLACEHOLDER_URL = { sqlite: "file:./placeholder.db", postgresql: "postgresql://placeholder@localhost:5432/placeholder" } as const;

type Request = { jsonrpc: "2.0"; id: number; method: string; params?: { schemaPath?: string; sourceFilePath?: string } };

function answer(message: Record<string, unknown>) {
  process.stderr.write(JSON.stringify({ jsonrpc: "2.0", ...message }) + "\n");
}

/** The provider whose client this generator makes, given the schema being generated. */
function otherProvider(schemaPath: string | undefined, root: string): "sqlite" | "postgresql" {
  const generatingPostgres = schemaPath !== undefined && path.resolve(schemaPath) === path.resolve(root, SCHEMA_FILES.postgresql.schema);
  return generatingPostgres ? "sqlite" : "postgresql";
}

function generateOther(schemaPath: string | undefined) {
  if (process.env[NESTED]) return;
  const root = process.cwd();
  if (!postgresSchemaIsCurrent(root)) {
    throw new Error(
      `${SCHEMA_FILES.postgresql.schema} is out of date with ${SCHEMA_FILES.sqlite.schema}. Run \`npm run db:pg-schema\` ` +
        "(or `npm run db:new-migration -- <name>` when the data model changed), then generate again.",
    );
  }
  const other = otherProvider(schemaPath, root);
  const run = runPrisma(["generate", "--schema", SCHEMA_FILES[other].schema], { [NESTED]: "1", DATABASE_URL: PLACEHOLDER_URL[other] }, root);
  if (run.status !== 0) throw new Error(`Generating the ${other} client failed:\n${(run.stdout + run.stderr).trim()}`);
}

const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => {
  let request: Request;
  try {
    request = JSON.parse(line) as Request;
  } catch {
    return;
  }
  if (request.method === "getManifest") {
    // No engines: the clients use the JavaScript query compiler, and nothing may be downloaded. The
    // output (relative to the schema's folder) is only what Prisma reports when it is done.
    const schemaPath = request.params?.sourceFilePath;
    const other = otherProvider(schemaPath, process.cwd());
    const defaultOutput = path.relative(path.dirname(path.resolve(schemaPath ?? SCHEMA_FILES.sqlite.schema)), path.resolve(SCHEMA_FILES[other].client));
    const prettyName = other === "postgresql" ? "Prisma Client for PostgreSQL" : "Prisma Client for SQLite";
    answer({ id: request.id, result: { manifest: { prettyName, defaultOutput, requiresEngines: [] } } });
  } else if (request.method === "generate") {
    try {
      generateOther(request.params?.schemaPath);
      answer({ id: request.id, result: null });
    } catch (error) {
      answer({ id: request.id, error: { code: -32000, message: (error as Error).message, data: null } });
    }
  }
});
