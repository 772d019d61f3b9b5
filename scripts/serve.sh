#!/usr/bin/env bash
# Starts the background task worker and the development server; stops the worker on exit.
set -euo pipefail
host=${1:-127.0.0.1}
port=${2:-8000}
.venv/bin/python manage.py db_worker --interval 1 >var/worker.log 2>&1 &
worker=$!
# Daily jobs (task reminders, clean-ups): each runs once per day, whenever the server is up.
.venv/bin/python manage.py scheduler >var/scheduler.log 2>&1 &
scheduler=$!
trap 'kill $worker $scheduler 2>/dev/null || true' EXIT INT TERM
echo "Trình xử lý tác vụ nền đang chạy (log: var/worker.log)."
echo "CCHC: http://$host:$port/   (English: http://$host:$port/en/)"
.venv/bin/python manage.py runserver "$host:$port" --noreload
