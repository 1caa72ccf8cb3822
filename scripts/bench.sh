#!/usr/bin/env bash
# npm run bench: make sure the dependencies and the database client exist, then run the harness.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules/autocannon ] || npm install --no-audit --no-fund --loglevel=error
[ -f lib/db/generated/client.ts ] && [ -f lib/db/generated-pg/client.ts ] || npx prisma generate >/dev/null
exec npx tsx bench/run.ts
