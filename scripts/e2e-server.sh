#!/usr/bin/env bash
# The server Playwright tests run against: the production build on a throwaway database.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf .e2e
mkdir -p .e2e
npx tsx scripts/prepare-db.ts >/dev/null
npx tsx prisma/seed.ts
exec node node_modules/next/dist/bin/next start -p "${PORT}"
