#!/usr/bin/env bash
# `make bench`: every benchmark in scripts/bench/, on SQLite and (when it answers) on PostgreSQL.
# Each script prints its own times and the ratio against a reference measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
export CCHC_ALLOW_INSECURE_KEY=1 DJANGO_SETTINGS_MODULE=config.settings
PY=.venv/bin/python
pg_url=${BENCH_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/cchc_bench}
pg_ok=false
$PY -c "import psycopg; psycopg.connect('postgresql://postgres@127.0.0.1:5432/postgres', connect_timeout=3).close()" \
  2>/dev/null && pg_ok=true
for script in scripts/bench/*.py; do
  echo "==> $script (SQLite)"
  $PY "$script" "$@"
  if $pg_ok; then
    echo "==> $script (PostgreSQL)"
    DATABASE_URL="$pg_url" $PY "$script" "$@"
  fi
done
