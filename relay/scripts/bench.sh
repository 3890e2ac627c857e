#!/usr/bin/env bash
# `npm run bench:relay`: builds the relay, starts a throwaway PostgreSQL server (fsync on, like a real one) and
# runs the bench on embedded PGlite and on that server (which the outage case stops and starts with pg_ctl, through
# the TEMP_PG_* variables temp_postgres.sh exports). Not a test: it prints figures, ending with a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build --silent
source scripts/temp_postgres.sh
TEMP_PG_FSYNC=on start_temp_postgres
BENCH_DATABASE_URL="$TEMP_PG_URL" node dist/bench/relay_bench.js
