// Where each database provider's Prisma schema, migrations and generated client live. prisma/schema.prisma
// (SQLite) is the one edited by hand; the PostgreSQL schema is derived from it by
// scripts/generate-pg-schema.ts and its migrations are written beside the SQLite ones by
// scripts/new-migration.ts, so the two can never describe different data models.
import type { DatabaseKind } from "../../lib/db/database-url";

export type SchemaFiles = {
  /** The Prisma schema, relative to the project root. */
  schema: string;
  /** The migrations folder `prisma migrate deploy` applies. */
  migrations: string;
  /** The generated client's folder. */
  client: string;
};

export const SCHEMA_FILES: Record<DatabaseKind, SchemaFiles> = {
  sqlite: { schema: "prisma/schema.prisma", migrations: "prisma/migrations", client: "lib/db/generated" },
  postgresql: { schema: "prisma/postgresql/schema.prisma", migrations: "prisma/postgresql/migrations", client: "lib/db/generated-pg" },
};
