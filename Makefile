# Two commands do all set-up: `make run` and `make test`. Both create .venv when missing.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOME_DIR ?= $(or $(POLICYKB_HOME),.policykb)
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest workers for `make test` (one per core here; each test file runs whole in one worker)
JOBS ?= 2

.PHONY: run test check install install-test lint typecheck pytest browser-deps eval bench vectors clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test,milvus,st]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	@if ! $(BIN)/policykb --home $(HOME_DIR) documents >/dev/null 2>&1; then \
		echo "Ingesting corpus/ into $(HOME_DIR) (first start; embedding takes a minute)..." >&2; \
		$(BIN)/policykb --home $(HOME_DIR) ingest corpus/ || true; \
	fi
	$(BIN)/policykb --home $(HOME_DIR) serve --host $(HOST) --port $(PORT)

# Debian's chromium + chromedriver (and a CJK font for readable screenshots) for the browser test;
# where apt is not usable the browser test says so and skips.
browser-deps:
	@{ command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; } || \
		{ (apt-get update -qq && apt-get install -y -qq chromium chromium-driver fonts-wqy-microhei) >/dev/null 2>&1 || \
		  echo "note: could not install chromium; browser tests will be skipped" >&2; }

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/mypy ingest index api eval

pytest: install-test browser-deps
	$(BIN)/pytest -n $(JOBS) --dist loadfile

test: lint pytest

# The quick loop (under 2 minutes): ruff, mypy and the unit tests (no server, browser, Milvus or
# seed corpus embedded with the real model; those are marked `slow` and run in `make test`).
check: lint
	$(BIN)/pytest -n $(JOBS) --dist loadfile -m "not slow"

eval: install
	$(BIN)/policykb --home $(HOME_DIR) eval

# Refresh the committed vector pack of the eval sets (eval/vectors/): embeds only passages it lacks.
# Needed after a change to what is indexed for a passage (index/passages.py) or to an eval corpus;
# tests/eval/test_vector_pack.py fails while the pack is stale.
vectors: install
	$(BIN)/python -m eval.vectors

bench: install-test
	$(BIN)/python -m eval.bench

clean:
	rm -rf $(VENV) .policykb .pytest_cache .mypy_cache .ruff_cache
