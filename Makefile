# Two entry points: `make run` (the UI on the built-in Haaglanden map) and
# `make test` (every test). Each creates .venv and installs what it needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test install install-test system-deps neo4j-launcher validate bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Streamlit's own settings still come from the environment
# (STREAMLIT_SERVER_PORT, STREAMLIT_SERVER_ADDRESS, ...): only defaults are set here.
run: install
	STREAMLIT_BROWSER_GATHER_USAGE_STATS=$${STREAMLIT_BROWSER_GATHER_USAGE_STATS:-false} \
	STREAMLIT_SERVER_HEADLESS=$${STREAMLIT_SERVER_HEADLESS:-true} \
	$(BIN)/streamlit run ui/streamlit_app.py

# Chromium for the browser tests (Debian packages; never a downloaded browser).
system-deps:
	bash tools/install-system-deps.sh

# The real Neo4j 5.26 the tests start (tools/neo4j-launcher): built once with Maven
# (JDK 17 + Maven on PATH), classpath cached in .cache/neo4j-launcher/.
neo4j-launcher:
	bash tools/build-neo4j-launcher.sh

test: install-test system-deps neo4j-launcher
	bash tools/run-tests.sh $(BIN)/python -m pytest $(PYTEST_ARGS)

validate: install
	$(BIN)/ketenkaart validate

bench: install
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	@echo "See benchmarks/README.md for the individual scripts."

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
