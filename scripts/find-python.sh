#!/usr/bin/env bash
# Prints the path of a Python >= 3.12 interpreter, or explains what to install and exits 1.
# Order: $PYTHON, python3.13/python3.12 on PATH, pyenv versions, plain python3.
set -u
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }
candidates=()
[ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
for name in python3.14 python3.13 python3.12; do
  p=$(command -v "$name" 2>/dev/null) && candidates+=("$p")
done
root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
for v in $(ls -1 "$root/versions" 2>/dev/null | sort -rV); do
  [ -x "$root/versions/$v/bin/python" ] && candidates+=("$root/versions/$v/bin/python")
done
p=$(command -v python3 2>/dev/null) && candidates+=("$p")
for c in "${candidates[@]}"; do
  # pyenv shims exist for versions that are not selected; only accept ones that really run.
  if ok "$c"; then echo "$c"; exit 0; fi
done
cat >&2 <<'MSG'
CCHC cần Python 3.12 trở lên (Django 6.1). Không tìm thấy trình thông dịch phù hợp.
CCHC needs Python >= 3.12 (Django 6.1) and none was found.
Install one, e.g.:  pyenv install 3.13   or   apt-get install python3.13 python3.13-venv
or point to it:     PYTHON=/path/to/python3.13 make run
MSG
exit 1
