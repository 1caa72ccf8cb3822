#!/usr/bin/env bash
# npm run bench [-- --db sqlite|postgres|both]: make sure the dependencies and both database clients
# exist, then run the harness (bench/run.ts says what it measures).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules/autocannon ] || npm install --no-audit --no-fund --loglevel=error
[ -f lib/db/generated/client.ts ] && [ -f lib/db/generated-pg/client.ts ] || npx prisma generate >/dev/null
exec npx tsx bench/run.ts "$@"
