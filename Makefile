# zhifa — two set-up commands: `make run` (demo on SQLite) and `make test` (the whole suite).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test bench lint format deps test-deps assets clean mutate fuzz screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

deps: $(BIN)/python assets
	$(BIN)/pip install --quiet -e .

test-deps: $(BIN)/python assets
	$(BIN)/pip install --quiet -e '.[test]'

assets:
	npm install --no-audit --no-fund --loglevel=error

# the demo command also starts the background-task worker (zhifa db_worker) and the scheduler (zhifa schedule),
# which enqueues the periodic work when due (zhifa.jobs.schedule); in production run both as services.
run: deps
	$(BIN)/zhifa demo

test: test-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/zhifa makemigrations --check --dry-run
	$(BIN)/mypy
	$(BIN)/pytest -n auto
ifeq ($(ZHIFA_TEST_POSTGRES),1)
	ZHIFA_DATABASE_URL=$(PG_URL) $(BIN)/pytest -n auto
endif

# The API against its OpenAPI schema, longer than in `make test` (random seeds; FUZZ_EXAMPLES per operation).
FUZZ_EXAMPLES ?= 100
fuzz: test-deps
	ZHIFA_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) ZHIFA_FUZZ_RANDOM=1 $(BIN)/pytest -n auto tests/test_api_fuzz.py

# The key pages per demo role at desktop and phone size, into docs/screenshots/ (Debian's chromium; the
# README shows four of them). Builds the demo in a temporary instance, so var/ is untouched.
screenshots: test-deps
	$(BIN)/python scripts/screenshots.py

bench: test-deps
	$(BIN)/python -m benchmarks

# Mutation testing of the rule modules ([tool.mutmut] in pyproject.toml); slow, never in CI. One module at a
# time: make mutate MODULE=core.workdays (or review.gate, cases.rules, publicity.masking, registry.selectors).
mutate: test-deps
	$(BIN)/mutmut run $(if $(MODULE),"zhifa.$(MODULE).*")
	$(BIN)/mutmut results

lint: test-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/zhifa makemigrations --check --dry-run
	$(BIN)/mypy

format: test-deps
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) node_modules var
