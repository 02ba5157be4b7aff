# Two entry points: `make run` (the UI on the built-in Haaglanden map) and
# `make test` (lint, types and every test). `make check` is the quick inner
# loop: lint, types and the fast tests (no browser, no Neo4j or PostgreSQL server, no wheel).
# Each creates .venv and installs what it needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The fast tests: everything but the browser, the Neo4j server, the PostgreSQL twins of the register tests
# and the slow ones (the wheel test among them), spread over two processes.
FAST   := not browser and not neo4j and not postgres and not slow
WORKERS ?= 2

.PHONY: run test check lint types fast-tests install install-test system-deps neo4j-launcher validate bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# `ketenkaart ui` runs the app from wherever the package is installed; its defaults
# (headless, 127.0.0.1, no usage statistics) are in ui/.streamlit/config.toml, and
# Streamlit's own settings still come from the environment (STREAMLIT_SERVER_PORT, ...).
run: install
	KETENKAART_REGISTER_DEMO=$${KETENKAART_REGISTER_DEMO:-1} $(BIN)/ketenkaart ui

# Debian packages the tests need when missing: Chromium for the browser tests (never a downloaded
# browser), PostgreSQL, poppler-utils, iproute2, and a JDK 17 with Maven for the Neo4j launcher.
system-deps:
	bash tools/install-system-deps.sh

# The real Neo4j 5.26 the tests start (tools/neo4j-launcher): built once with Maven
# (JDK 17 + Maven on PATH), classpath cached in .cache/neo4j-launcher/.
neo4j-launcher:
	bash tools/build-neo4j-launcher.sh

lint: install-test
	$(BIN)/ruff check .

types: install-test
	$(BIN)/mypy

fast-tests: install-test
	bash tools/run-tests.sh $(BIN)/python -m pytest -q -n $(WORKERS) -m '$(FAST)' $(PYTEST_ARGS)

# Each step runs even when an earlier one fails, so one run shows every kind of finding. The tests run
# in two processes, a test file's tests together in one (the register's browser tests build on each other).
test: install-test system-deps neo4j-launcher
	@status=0; \
	$(MAKE) --no-print-directory lint || status=1; \
	$(MAKE) --no-print-directory types || status=1; \
	bash tools/run-tests.sh $(BIN)/python -m pytest -n $(WORKERS) --dist loadfile $(PYTEST_ARGS) || status=1; \
	exit $$status

check: install-test
	@status=0; \
	$(MAKE) --no-print-directory lint || status=1; \
	$(MAKE) --no-print-directory types || status=1; \
	$(MAKE) --no-print-directory fast-tests || status=1; \
	exit $$status

validate: install
	$(BIN)/ketenkaart validate

bench: install
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	@echo "See benchmarks/README.md for the individual scripts."

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .mypy_cache .ruff_cache build *.egg-info
