# Two entry points for a fresh machine (see README): `make run` and `make test`.
# Each does its own set-up: a virtual environment in .venv with Rasd installed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RASD := $(BIN)/rasd
STAMP := $(VENV)/.installed

.PHONY: run test lint venv engine-start engine-stop

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

# The seed page is read from ../shared when it is there.
SEED := $(wildcard ../shared/seed/*.txt)

## Engine up, demo corpus (and seed page) indexed, web UI and API served on :8000.
run: $(STAMP)
	$(RASD) engine start
	$(RASD) index demo/corpus $(SEED)
	$(RASD) serve

## Lint, then the whole test suite against the real engine (started if needed).
test: $(STAMP) lint
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

engine-start: $(STAMP)
	$(RASD) engine start

engine-stop: $(STAMP)
	$(RASD) engine stop
