#!/usr/bin/env bash
# npm test: everything the whole suite needs on a fresh clone, then unit and end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Installing dependencies"
npm install --no-audit --no-fund --loglevel=error

step "Checking for Chromium"
# Chromium's headless shell: the same engine without the desktop browser around it, which on a 2-core
# machine runs the browser stories in two thirds of the time and CPU (Debian: chromium-headless-shell).
# Without it, and without the right to install it, the desktop browser will do.
HEADLESS_SHELL=/usr/bin/chromium-headless-shell
if [ -z "${CHROMIUM_PATH:-}" ]; then
  CHROMIUM_PATH=$HEADLESS_SHELL
  if [ ! -x "$HEADLESS_SHELL" ] && { [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null; } && [ -x /usr/bin/chromium ]; then
    CHROMIUM_PATH=/usr/bin/chromium
  fi
fi
if [ ! -x "$CHROMIUM_PATH" ] && [ "$CHROMIUM_PATH" = "$HEADLESS_SHELL" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium-headless-shell for the end-to-end tests"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell >/dev/null
fi
if [ ! -x "$CHROMIUM_PATH" ]; then
  echo "The end-to-end tests need Chromium at $CHROMIUM_PATH. Install Chromium's headless shell (Debian: sudo apt-get"
  echo "install chromium-headless-shell) or set CHROMIUM_PATH to a Chromium binary, then run npm test again."
  exit 1
fi
export CHROMIUM_PATH

step "Generating the database clients"
npx prisma generate >/dev/null

step "Checking the migrations of both databases against the schema"
# shellcheck source=scripts/test-pg.sh
source scripts/test-pg.sh
# Without a PostgreSQL the check runs the SQLite half and says why it skipped the other.
test_pg_database || true
npx tsx scripts/check-migrations.ts

step "Type-checking"
npx tsc --noEmit

step "The OpenAPI document: Redocly's recommended rules, and the e2e suite's types made from it"
# Writes reports/openapi.json and fails when e2e/support/openapi-types.ts is not what the document makes.
npx tsx scripts/openapi.ts check
npx redocly lint --extends=recommended --format=stylish reports/openapi.json

step "Import rules (dependency-cruiser: app → components → lib, no cycles)"
npm run --silent lint:deps

step "Unit tests"
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/unit.json

step "The development boot on PostgreSQL: npm run dev and next dev load the secret, listen for invalidations, serve"
# Its own throwaway databases; without a PostgreSQL server it says why and the run goes on.
if test_pg_server; then
  bash scripts/test-dev-boot.sh
else
  echo "The development boot test needs a PostgreSQL server (see above)."
fi

step "Building for the end-to-end tests"
npx next build

rm -f reports/e2e.json reports/e2e-pg.json
# One retry per story; the summary at the end names each story that failed once (flaky) apart from failures.
export E2E_RETRIES="${E2E_RETRIES:-1}"

step "End-to-end tests on SQLite (Playwright, headless Chromium, production build)"
set +e
npx playwright test
e2e_status=$?
set -e

step "End-to-end tests on PostgreSQL: the same suite and the scale-out tests, two instances behind a round-robin proxy"
# A database of its own (the migration check above used the first one), dropped when this script exits.
if test_pg_database; then
  set +e
  npx playwright test -c playwright.pg.config.ts
  e2e_pg_status=$?
  set -e
else
  echo "The PostgreSQL half of the end-to-end tests cannot run without a PostgreSQL server (see above)."
  e2e_pg_status=1
fi

node scripts/test-summary.mjs
if [ "$e2e_status" -ne 0 ]; then exit "$e2e_status"; fi
exit $e2e_pg_status
