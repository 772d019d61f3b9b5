#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
# Installs it when missing and we are root with apt; otherwise the browser tests skip (fail under CI).
set -u
command -v chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "==> Installing Debian chromium for the browser tests"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core) >/tmp/cchc-apt.log 2>&1 \
    || { echo "Could not install chromium (see /tmp/cchc-apt.log)." >&2; exit 1; }
  exit 0
fi
echo "Chromium is not installed; browser tests will be skipped (apt-get install chromium)." >&2
exit 1
