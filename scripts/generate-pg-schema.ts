// `npm run db:pg-schema`: rewrites prisma/postgresql/schema.prisma from prisma/schema.prisma.
import { writePostgresSchema } from "./db/pg-schema";
import { SCHEMA_FILES } from "./db/schema-files";

const changed = writePostgresSchema();
console.log(changed ? `Wrote ${SCHEMA_FILES.postgresql.schema} from ${SCHEMA_FILES.sqlite.schema}.` : `${SCHEMA_FILES.postgresql.schema} is already current.`);
