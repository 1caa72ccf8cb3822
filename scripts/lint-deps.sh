#!/usr/bin/env bash
# npm run lint:deps: the import rules of .dependency-cruiser.cjs, no cycle among lib/ folders, no database question outside lib/db.
# Every check always runs, so one run lists every violation.
set -uo pipefail
cd "$(dirname "$0")/.."
npx depcruise app components lib e2e bench scripts prisma test-support ./*.ts ./*.mts --config .dependency-cruiser.cjs
rules=$?
node scripts/check-folder-cycles.mjs
folders=$?
# Which database this process uses is lib/db's question alone: every difference is a function there.
# (lib/auth/auth-secret.ts is the one module left that still asks.)
asking=$(grep -rn --include='*.ts' --include='*.tsx' 'databaseKind' app components lib | grep -v '^lib/db/' | grep -v '^lib/auth/auth-secret.ts:')
if [ -n "$asking" ]; then
  echo "databaseKind outside lib/db (put the difference behind a function of lib/db/sql-dialect.ts or lib/db/locks.ts):"
  echo "$asking"
  dialect=1
else
  dialect=0
fi
exit $(( rules || folders || dialect ))
