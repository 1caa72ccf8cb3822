#!/usr/bin/env bash
# The server Playwright tests run against: the production build on a throwaway database.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf .e2e
mkdir -p .e2e
# Everything the server prints is kept, so a test can prove no token value ever reaches the log.
exec > >(tee -a .e2e/server.log) 2>&1
npx tsx scripts/prepare-db.ts >/dev/null
npx tsx prisma/seed.ts
exec node --import tsx scripts/start.ts
