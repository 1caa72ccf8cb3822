#!/usr/bin/env bash
# npm run lint:deps: the import rules of .dependency-cruiser.cjs, then no cycle among lib/ folders, then
# the two "one place" rules a grep can check:
#   - configuration is read only by lib/config.ts: no process.env in app/, components/ or lib/ outside
#     it (unit tests may set variables for what they check);
#   - no module outside lib/db asks which database it runs on (databaseKind): each difference is a
#     function of lib/db;
#   - no source file of components/ or lib/ over 300 lines (tests and generated clients aside): a file that
#     grows past it is split by what it does.
# Every check always runs, so one run lists every violation.
set -uo pipefail
cd "$(dirname "$0")/.."
npx depcruise app components lib e2e bench scripts prisma test-support ./*.ts ./*.mts --config .dependency-cruiser.cjs
rules=$?
node scripts/check-folder-cycles.mjs
folders=$?

grep_rule() {
  local message="$1" found="$2"
  if [ -n "$found" ]; then
    echo "$message"
    echo "$found" | sed 's/^/  /'
    return 1
  fi
}

env_reads="$(grep -rn --include='*.ts' --include='*.tsx' 'process\.env' app components lib \
  | grep -v '^lib/config\.ts:' | grep -v -E '^[^:]*\.test\.tsx?:' || true)"
grep_rule "process.env is read outside lib/config.ts (read the setting from lib/config.ts's config):" "$env_reads"
env=$?

kind_uses="$(grep -rn --include='*.ts' --include='*.tsx' -w databaseKind app components lib | grep -v '^lib/db/' || true)"
grep_rule "databaseKind is used outside lib/db (make the difference a function of lib/db):" "$kind_uses"
kinds=$?

long_files="$(find components lib \( -name generated -o -name generated-pg \) -prune -o \( -name '*.ts' -o -name '*.tsx' \) -print \
  | grep -v -E '\.test\.tsx?$' | xargs wc -l | awk '$2 != "total" && $1 > 300 { print $2 ": " $1 " lines" }' || true)"
grep_rule "source files over 300 lines (split them by what they do):" "$long_files"
lengths=$?

exit $(( rules || folders || env || kinds || lengths ))
