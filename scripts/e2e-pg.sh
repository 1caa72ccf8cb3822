#!/usr/bin/env bash
# The end-to-end suite on PostgreSQL with two instances behind a round-robin proxy, on a throwaway
# database made for the run and dropped after it. Needs a build (npx next build). Arguments go to
# Playwright (e.g. a spec path).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/test-pg.sh
source scripts/test-pg.sh
test_pg_database
npx playwright test -c playwright.pg.config.ts "$@"
