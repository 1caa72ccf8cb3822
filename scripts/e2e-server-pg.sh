#!/usr/bin/env bash
# The web server of the PostgreSQL end-to-end run: migrates and seeds the throwaway database
# (KEYPORT_TEST_DATABASE_URL), then starts two instances behind a round-robin proxy
# (e2e/support/pg-cluster.ts). Their logs are .e2e-pg/server-a.log and server-b.log.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf .e2e-pg
mkdir -p .e2e-pg
export DATABASE_URL="$KEYPORT_TEST_DATABASE_URL"
npx tsx scripts/prepare-db.ts >/dev/null
KEYPORT_DATA_DIR=.e2e-pg/data-seed npx tsx prisma/seed.ts
exec npx tsx e2e/support/pg-cluster.ts
