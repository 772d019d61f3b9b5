#!/usr/bin/env bash
# Starts the background task worker and the development server; stops the worker on exit.
set -euo pipefail
host=${1:-127.0.0.1}
port=${2:-8000}
.venv/bin/python manage.py db_worker --interval 1 >var/worker.log 2>&1 &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
echo "Trình xử lý tác vụ nền đang chạy (log: var/worker.log)."
echo "CCHC: http://$host:$port/   (English: http://$host:$port/en/)"
.venv/bin/python manage.py runserver "$host:$port" --noreload
