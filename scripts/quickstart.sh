#!/usr/bin/env bash
# npm run quickstart: install, create and migrate the database, seed the demo data, build, serve.
# Safe to run again: the data is kept.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Installing dependencies"
npm install --no-audit --no-fund --loglevel=error

step "Generating the database clients"
npx prisma generate

step "Creating and migrating the database"
npx tsx scripts/prepare-db.ts

step "Seeding the demo data"
npx tsx prisma/seed.ts

step "Building"
npx next build

step "Starting"
exec node --import tsx scripts/start.ts
