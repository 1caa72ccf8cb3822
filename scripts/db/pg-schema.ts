// Derives the PostgreSQL Prisma schema from prisma/schema.prisma: the same models, generators and
// comments, with the PostgreSQL provider and the PostgreSQL client's output folder. Nothing else
// changes, so a model can only be edited in one place.
import fs from "node:fs";
import path from "node:path";
import { SCHEMA_FILES } from "./schema-files";

const NOTICE = [
  "// GENERATED from prisma/schema.prisma by `npm run db:pg-schema`: edit that file, never this one.",
  "// `npm test` fails when this file or the migrations beside it fall behind the SQLite schema.",
  "",
  "",
].join("\n");

/** The generator output as written in a schema: relative to the schema file's folder. */
function clientOutput(kind: keyof typeof SCHEMA_FILES): string {
  const files = SCHEMA_FILES[kind];
  return path.posix.relative(path.posix.dirname(files.schema), files.client);
}

function replaceOnce(text: string, pattern: RegExp, replacement: string, what: string): string {
  const matches = text.match(new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : pattern.flags + "g"));
  if (matches?.length !== 1) {
    throw new Error(`prisma/schema.prisma must contain ${what} exactly once (found ${matches?.length ?? 0}); update scripts/db/pg-schema.ts if its layout changed.`);
  }
  return text.replace(pattern, replacement);
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function postgresSchemaFrom(sqliteSchema: string): string {
  let schema = replaceOnce(sqliteSchema, /(datasource\s+db\s*\{[^}]*?\bprovider\s*=\s*)"sqlite"/, '$1"postgresql"', 'a datasource with provider = "sqlite"');
  schema = replaceOnce(
    schema,
    new RegExp(`(\\boutput\\s*=\\s*)"${escapeRegExp(clientOutput("sqlite"))}"`),
    `$1"${clientOutput("postgresql")}"`,
    `a generator with output = "${clientOutput("sqlite")}"`,
  );
  return NOTICE + schema;
}

/** The PostgreSQL schema as prisma/schema.prisma says it should be now. */
export function expectedPostgresSchema(root = process.cwd()): string {
  return postgresSchemaFrom(fs.readFileSync(path.join(root, SCHEMA_FILES.sqlite.schema), "utf8"));
}

/** Whether the committed PostgreSQL schema is what prisma/schema.prisma derives. */
export function postgresSchemaIsCurrent(root = process.cwd()): boolean {
  const file = path.join(root, SCHEMA_FILES.postgresql.schema);
  return fs.existsSync(file) && fs.readFileSync(file, "utf8") === expectedPostgresSchema(root);
}

export function writePostgresSchema(root = process.cwd()): boolean {
  const file = path.join(root, SCHEMA_FILES.postgresql.schema);
  const expected = expectedPostgresSchema(root);
  if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === expected) return false;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, expected);
  return true;
}
