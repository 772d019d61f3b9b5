#!/usr/bin/env bash
# The whole suite: lint, type check, translations, then pytest on SQLite and on PostgreSQL.
# PostgreSQL: TEST_DATABASE_URL, else the local service at 127.0.0.1:5432 when it answers.
# Under CI=true a missing PostgreSQL (or Chromium for the browser tests) is an error, not a skip.
set -euo pipefail
cd "$(dirname "$0")/.."
export CCHC_ALLOW_INSECURE_KEY=1 DJANGO_SETTINGS_MODULE=config.settings
PY=.venv/bin/python
ci=${CI:-false}

echo "==> Ruff (lint, format)"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "==> mypy"
.venv/bin/mypy cchc config
echo "==> Migrations are up to date"
$PY manage.py makemigrations --check --dry-run -v 1 >/dev/null || {
  echo "Model changes without a migration: run 'manage.py makemigrations'." >&2; exit 1; }

scripts/ensure-chromium.sh || true

echo "==> Tests on SQLite"
.venv/bin/pytest -p no:warnings -q "$@"

pg_url=${TEST_DATABASE_URL:-}
if [ -z "$pg_url" ]; then
  if $PY - <<'PYCODE' 2>/dev/null
import psycopg
psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", connect_timeout=3).close()
PYCODE
  then pg_url="postgresql://postgres@127.0.0.1:5432/postgres"; fi
fi
if [ -z "$pg_url" ]; then
  if [ "$ci" = "true" ]; then
    echo "PostgreSQL is not reachable and CI=true: the PostgreSQL run must not be skipped." >&2
    exit 1
  fi
  echo "==> SKIPPED the PostgreSQL run: no TEST_DATABASE_URL and nothing answers on 127.0.0.1:5432."
  exit 0
fi
echo "==> Tests on PostgreSQL ($pg_url)"
# The suite checks the vendor it ran on (cchc/core/tests/test_database.py), so a silent
# fallback to SQLite fails instead of passing.
DATABASE_URL="$pg_url" CCHC_EXPECT_DB_VENDOR=postgresql .venv/bin/pytest -p no:warnings -q "$@"
