# CCHC — two commands: `make run` and `make test` (see README.md).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := config.settings
# The Makefile is the developer tool: a missing SECRET_KEY falls back to a local development key.
export CCHC_ALLOW_INSECURE_KEY := 1

.PHONY: run test setup setup-dev assets messages lint bench serve worker demo clean-demo

$(VENV)/.created:
	@py=$$(scripts/find-python.sh) || exit 1; echo "Dùng Python: $$py"; "$$py" -m venv $(VENV)
	@$(VENV)/bin/pip install --quiet --upgrade pip
	@touch $@

$(VENV)/.runtime: $(VENV)/.created pyproject.toml
	$(VENV)/bin/pip install --quiet -e .
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime pyproject.toml
	$(VENV)/bin/pip install --quiet -e ".[dev]"
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

assets: node_modules/.installed

messages: $(VENV)/.runtime
	@$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

setup: $(VENV)/.runtime assets messages

setup-dev: $(VENV)/.dev assets messages

# Set-up, migrations, the sample province (only when the database has none), the task worker
# and the development server. A second run is fast and keeps existing data.
run: setup
	@mkdir -p var
	@DEBUG=1 $(MANAGE) migrate --no-input -v 0
	@DEBUG=1 $(MANAGE) demo_province
	@DEBUG=1 scripts/serve.sh $(HOST) $(PORT)

test: setup-dev
	@scripts/test.sh

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy cchc config

bench: setup-dev
	@scripts/bench.sh
