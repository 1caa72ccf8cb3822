#!/usr/bin/env bash
# npm run lint:deps: the import rules of .dependency-cruiser.cjs, then no cycle among lib/ folders.
# Both checks always run, so one run lists every violation.
set -uo pipefail
cd "$(dirname "$0")/.."
npx depcruise app components lib e2e bench scripts prisma ./*.ts ./*.mts --config .dependency-cruiser.cjs
rules=$?
node scripts/check-folder-cycles.mjs
folders=$?
exit $(( rules || folders ))
