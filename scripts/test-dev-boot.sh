#!/usr/bin/env bash
# `npm run dev` and `next dev` boot like `npm start`: on a throwaway PostgreSQL database without
# NEXTAUTH_SECRET each loads the session secret from the database, listens for cache invalidations and
# serves a page and an API call (scripts/dev-boot-check.ts). DEV_BOOT_PORT chooses the port (default 3200).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/test-pg.sh
source scripts/test-pg.sh
for command in npm next; do
  # A database each: the first server's row among the live instances must not wait on the second.
  test_pg_database
  DATABASE_URL="$KEYPORT_TEST_DATABASE_URL" npx tsx scripts/prepare-db.ts >/dev/null
  DATABASE_URL="$KEYPORT_TEST_DATABASE_URL" DEV_BOOT_COMMAND="$command" npx tsx scripts/dev-boot-check.ts
done
